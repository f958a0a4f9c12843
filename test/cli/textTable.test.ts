import { strict as assert } from 'node:assert';
import { outputWidth, renderTextTable, wrapText } from '../../src/cli/textTable';

describe('text table', () => {
  const columns = [
    { header: 'Cost', align: 'right' as const },
    { header: 'Resource', shrink: 'end' as const, min: 10 },
    { header: 'Location', shrink: 'start' as const, min: 12, rank: 0 },
  ];
  const rows = [['$1.00/mo', 'azurerm_machine_learning_compute_cluster.train', 'infra/azure/very/deep/main.tf:60']];

  it('uses the terminal width on a TTY and 100 columns otherwise', () => {
    assert.equal(outputWidth({ isTTY: true, columns: 60 }), 60);
    assert.equal(outputWidth({ isTTY: false, columns: 60 }), 100);
    assert.equal(outputWidth({}), 100);
  });

  it('cuts the lowest-rank column first, from the side it names, to fit', () => {
    const lines = renderTextTable(columns, rows, 50);
    for (const l of lines) assert.ok(l.length <= 50, l);
    assert.match(lines[2], /  …\/main\.tf:60$/);
    assert.match(lines[2], /  azurerm_machine_learning_…  /);
  });

  it('leaves a table that fits as it is', () => {
    const lines = renderTextTable(columns, rows, 200);
    assert.equal(lines[2], '$1.00/mo  azurerm_machine_learning_compute_cluster.train  infra/azure/very/deep/main.tf:60');
  });

  it('wraps prose with a hanging indent', () => {
    assert.deepEqual(wrapText('one two three four', 9), ['one two', '  three', '  four']);
  });
});
