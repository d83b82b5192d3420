// A machine, database or service opened to every address on the internet asks;
// the web ports opened to the world, narrow sources and reads stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

const { judge } = engine();

test('firewall rules, security groups and databases opened to any address ask', () => {
  for (const c of [
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 0.0.0.0/0',
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 5432 --cidr-ipv6 ::/0',
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]',
    `aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions '[{"IpProtocol":"tcp","FromPort":3389,"ToPort":3389,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]'`,
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 0-65535 --cidr 0.0.0.0/0',
    'gcloud compute firewall-rules create allow-all --allow tcp:0-65535 --source-ranges 0.0.0.0/0',
    'gcloud compute firewall-rules create ssh --allow=tcp:22 --source-ranges=0.0.0.0/0',
    "az network nsg rule create -g prod --nsg-name web --name ssh --priority 100 --source-address-prefixes '*' --destination-port-ranges 22 --access Allow",
    'az postgres server firewall-rule create -g prod -s db --name all --start-ip-address 0.0.0.0 --end-ip-address 255.255.255.255',
    'aws rds modify-db-instance --db-instance-identifier prod-db --publicly-accessible --apply-immediately',
    'gcloud sql instances patch prod-db --authorized-networks=0.0.0.0/0',
    'kubectl expose deployment db --type=LoadBalancer --port=5432',
  ]) {
    const r = judge(c);
    assert.notEqual(r.decision, 'allow', c);
    assert.ok(
      r.findings.some((f) => f.id === 'identity.open-to-internet'),
      `${c}: ${r.findings.map((f) => f.id)}`,
    );
  }
});

test('the web ports opened to the world, narrow sources, denials and reads stay quiet', () => {
  for (const c of [
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 443 --cidr 0.0.0.0/0',
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 203.0.113.4/32',
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 5432 --cidr 10.0.0.0/8',
    'aws ec2 describe-security-groups --group-ids sg-1',
    'gcloud compute firewall-rules create web --allow tcp:80,tcp:443 --source-ranges 0.0.0.0/0',
    'gcloud compute firewall-rules create internal --allow tcp:5432 --source-ranges 10.128.0.0/9',
    'gcloud compute firewall-rules list',
    "az network nsg rule create -g dev --nsg-name web --name block --priority 100 --source-address-prefixes '*' --destination-port-ranges 22 --access Deny",
    'az network nsg rule create -g dev --nsg-name web --name https --priority 100 --source-address-prefixes Internet --destination-port-ranges 443',
    'aws rds modify-db-instance --db-instance-identifier dev-db --no-publicly-accessible',
    'gcloud sql instances patch dev-db --authorized-networks=203.0.113.4/32',
    'kubectl expose deployment api --type=LoadBalancer --port=80 --target-port=8080',
    'kubectl expose deployment api --type=ClusterIP --port=5432',
  ])
    assert.equal(judge(c).decision, 'allow', `${c}: ${judge(c).findings.map((f) => f.id)}`);
});
