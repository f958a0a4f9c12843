import { strict as assert } from 'node:assert';
import { costExplorerHost } from '../../../src/core/spend/remote/costExplorerBackend';

describe('the Cost Explorer host named in messages', () => {
  it('is the configured endpoint, else the one the environment gives the SDK, else AWS’s', () => {
    assert.equal(costExplorerHost({ endpoint: 'http://127.0.0.1:4566' }, { AWS_ENDPOINT_URL: 'http://other:1' }), '127.0.0.1:4566');
    assert.equal(costExplorerHost({}, { AWS_ENDPOINT_URL_COST_EXPLORER: 'http://ce.local:9000', AWS_ENDPOINT_URL: 'http://all:1' }), 'ce.local:9000');
    assert.equal(costExplorerHost({}, { AWS_ENDPOINT_URL: 'https://proxy.example.com' }), 'proxy.example.com');
    assert.equal(costExplorerHost({ region: 'us-east-1' }, { AWS_ENDPOINT_URL: 'http://all:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), 'ce.us-east-1.amazonaws.com');
    assert.equal(costExplorerHost({}, {}), 'ce.us-east-1.amazonaws.com');
  });
});
