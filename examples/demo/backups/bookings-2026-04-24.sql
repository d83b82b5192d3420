-- nightly dump of the bookings volume
COPY bookings (id, customer, starts_at) FROM stdin;
1	Ada	2026-04-01
\.
