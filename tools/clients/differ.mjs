#!/usr/bin/env node
/**
 * Diff pairs of BPMN files with bpmn-js-differ (what bpmn.io users diff with) and print one
 * JSON report, so the tests can check that oir-bpmn's diff reports at least what it reports.
 *
 * For every pair: the ids and types of the elements bpmn-js-differ finds added, removed,
 * changed (with the changed attribute names) and moved in the layout.
 *
 * Usage:
 *   node differ.mjs OLD.bpmn NEW.bpmn [OLD2.bpmn NEW2.bpmn ...]
 *
 * Exit code 0 when the report was written, 2 on usage or parse errors.
 */
import { readFileSync } from 'node:fs';

import { BpmnModdle } from 'bpmn-moddle';
import { diff } from 'bpmn-js-differ';

async function load(file) {
  const { rootElement } = await new BpmnModdle().fromXML(readFileSync(file, 'utf8'));
  return rootElement;
}

/** {id, type} of a moddle element (or of a plain entry of the differ's result). */
function describe(id, element) {
  return { id, type: (element && (element.$type || (element.model && element.model.$type))) || null };
}

function listOf(entries, withAttrs = false) {
  return Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, element]) => {
    const item = describe(id, element);
    if (withAttrs) {
      item.attrs = Object.keys(element.attrs || {}).sort();
    }
    return item;
  });
}

async function main(argv) {
  if (argv.length === 0 || argv.length % 2) {
    throw new Error('give pairs of files: OLD.bpmn NEW.bpmn ...');
  }
  const pairs = [];
  for (let i = 0; i < argv.length; i += 2) {
    const changes = diff(await load(argv[i]), await load(argv[i + 1]));
    pairs.push({
      old: argv[i], new: argv[i + 1],
      added: listOf(changes._added), removed: listOf(changes._removed),
      changed: listOf(changes._changed, true), layoutChanged: listOf(changes._layoutChanged)
    });
  }
  process.stdout.write(JSON.stringify(pairs, null, 2) + '\n');
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`differ.mjs: ${err.message}\n`);
  process.exit(2);
});
