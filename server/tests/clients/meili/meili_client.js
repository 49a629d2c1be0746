// Drives `taskcheck serve --profile meilisearch` with the unmodified meilisearch-js client of the
// v1.1 era (0.32.x): create index -> add documents -> waitForTask -> getTasks with filters and
// pagination -> cancel -> delete -> getTask 404. Exits 1 with the first failed check.
// The admin routes (pause/resume) are called with plain fetch, beside the client, only to make the
// cancelation deterministic; the client itself never sees them.
'use strict';
const assert = require('node:assert/strict');
const { MeiliSearch } = require('meilisearch');

const host = process.argv[2];
const client = new MeiliSearch({ host });
const admin = (path) => fetch(host + '/_taskcheck/' + path, { method: 'POST' });

async function expectApiError(promise, code, httpStatus) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.code, code, `error code of ${error.message}`);
    assert.equal(error.httpStatus, httpStatus);
    return;
  }
  assert.fail(`expected ${code}`);
}

async function main() {
  const created = await client.createIndex('movies', { primaryKey: 'id' });
  assert.equal(created.status, 'enqueued');
  assert.equal(created.type, 'indexCreation');
  assert.equal((await client.waitForTask(created.taskUid)).status, 'succeeded');

  const index = client.index('movies');
  const added = await index.addDocuments([{ id: 1, title: 'Carol' }, { id: 2, title: 'Alien' }]);
  const addition = await client.waitForTask(added.taskUid);
  assert.equal(addition.status, 'succeeded');
  assert.equal(addition.details.indexedDocuments, 2);
  assert.equal((await index.getDocuments()).total, 2);
  assert.deepEqual(await index.getDocument(2), { id: 2, title: 'Alien' });

  const first = await client.getTasks({ limit: 1, indexUids: ['movies'], statuses: ['succeeded'] });
  assert.equal(first.results.length, 1);
  assert.equal(first.results[0].uid, added.taskUid);
  assert.equal(first.from, added.taskUid);
  assert.equal(first.next, created.taskUid);
  const second = await client.getTasks({ limit: 1, from: first.next, indexUids: ['movies'] });
  assert.equal(second.results[0].uid, created.taskUid);
  assert.equal(second.next, null);
  const byType = await client.getTasks({ types: ['documentAdditionOrUpdate'] });
  assert.deepEqual(byType.results.map((t) => t.uid), [added.taskUid]);

  await admin('processing/pause');
  const doomed = await index.addDocuments([{ id: 3, title: 'Heat' }]);
  const cancel = await client.cancelTasks({ uids: [doomed.taskUid] });
  assert.equal(cancel.type, 'taskCancelation');
  await admin('processing/resume');
  assert.equal((await client.waitForTask(cancel.taskUid)).status, 'succeeded');
  const canceled = await client.getTask(doomed.taskUid);
  assert.equal(canceled.status, 'canceled');
  assert.equal(canceled.canceledBy, cancel.taskUid);
  assert.equal(canceled.details.originalFilter, undefined);
  const cancelTask = await client.getTask(cancel.taskUid);
  assert.equal(cancelTask.details.originalFilter, `?uids=${doomed.taskUid}`);
  assert.equal(cancelTask.details.canceledTasks, 1);

  const deletion = await client.deleteTasks({ uids: [added.taskUid] });
  assert.equal((await client.waitForTask(deletion.taskUid)).details.deletedTasks, 1);
  await expectApiError(client.getTask(added.taskUid), 'task_not_found', 404);
  await expectApiError(client.cancelTasks(), 'missing_task_filters', 400);
  await expectApiError(client.getIndex('nope'), 'index_not_found', 404);

  await index.delete();
  console.log('meilisearch-js against taskcheck serve: all checks passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
