// gRPC calls read like HTTP ones: the method's name is the verb. A Delete or
// Drop method sent to a remote server asks (before, grpcurl, grpc_cli and ghz
// were allowed whatever they called); reads, listings and this machine's own
// services stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../../support/engineHarness';

test('a destructive gRPC method on a remote server asks, with the method named', () => {
  const { judge } = engine();
  for (const command of [
    'grpcurl -d \'{"name":"projects/p/instances/prod"}\' spanner.googleapis.com:443 google.spanner.admin.instance.v1.InstanceAdmin/DeleteInstance',
    'grpcurl -H "authorization: Bearer $T" api.acme.com:443 acme.v1.Volumes/DestroyVolume',
    'grpc_cli call db.acme.com:443 admin.Db.DropDatabase \'name: "prod"\'',
    'ghz --insecure --call app.Users.DeleteUser -n 10000 api.acme.com:443',
    'ssh bastion grpcurl -plaintext localhost:50051 app.Users/DeleteUser',
  ]) {
    const r = judge(command);
    assert.notEqual(r.decision, 'allow', command);
    const f = r.findings.find((x) => x.id === 'http.grpc-destructive-method');
    assert.ok(f, `${command}: ${r.findings.map((x) => x.id).join(',')}`);
    assert.match(f.summary, /gRPC method \S+(?:Delete|Destroy|Drop)\w+/);
  }
});

test("reads, listings and this machine's own gRPC services stay silent", () => {
  const { decide } = engine();
  for (const command of [
    'grpcurl -plaintext localhost:50051 app.Users/DeleteUser',
    "grpcurl -d '{}' api.acme.com:443 app.Orders/GetOrder",
    'grpcurl api.acme.com:443 list',
    'grpcurl api.acme.com:443 describe app.Orders',
    'grpc_cli ls api.acme.com:443',
    'ghz --insecure --call app.Users.GetUser -n 100 api.acme.com:443',
    "grpcurl -d '{}' api.acme.com:443 app.Cache/PurgeCache",
  ]) {
    assert.equal(decide(command), 'allow', command);
  }
});
