// Parses each PromQL expression given on stdin (one JSON array of strings) with the Prometheus project's own
// grammar and prints, per expression, where the parse failed (an empty list when every one parses).
const { parser } = require('@prometheus-io/lezer-promql');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const problems = [];
input.forEach((expr, index) => {
  const tree = parser.parse(expr);
  tree.iterate({ enter: node => { if (node.type.isError) problems.push({ index, at: node.from, near: expr.slice(Math.max(0, node.from - 10), node.to + 10) }); } });
});
console.log(JSON.stringify(problems));
