// Drives `taskcheck serve --profile elasticsearch` with the unmodified official client; the
// client's product check needs `X-Elastic-Product: Elasticsearch` on every 2xx response.
'use strict';
const assert = require('node:assert/strict');
const { Client, errors } = require('@elastic/elasticsearch');

const url = process.argv[2];

async function admin(path, body) {
    const response = await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body || {}),
    });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text);
}

async function main() {
    const client = new Client({ node: url });
    const info = await client.info();
    assert.equal(info.version.build_flavor, 'default');
    assert.equal(info.tagline, 'You Know, for Search');

    const parent = (await admin('/_taskcheck/tasks', { node: 'es-0', action: 'test:parent' })).task;
    const child = (await admin('/_taskcheck/tasks', { node: 'es-1', action: 'test:child', parent }))
        .task;

    const byNodes = await client.tasks.list({ actions: 'test:*' });
    assert.equal(Object.keys(byNodes.nodes).length, 2);
    const [node0] = parent.split(':');
    assert.equal(byNodes.nodes[node0].name, 'es-0');
    assert.ok(byNodes.nodes[node0].roles.includes('master'));
    assert.equal(byNodes.nodes[node0].tasks[parent].action, 'test:parent');

    const byParents = await client.tasks.list({ actions: 'test:*', group_by: 'parents' });
    assert.deepEqual(Object.keys(byParents.tasks), [parent]);
    assert.equal(byParents.tasks[parent].children[0].parent_task_id, parent);

    const flat = await client.tasks.list({ actions: 'test:*', group_by: 'none', detailed: true });
    assert.deepEqual(flat.tasks.map((t) => t.action), ['test:parent', 'test:child']);

    const got = await client.tasks.get({ task_id: child });
    assert.equal(got.completed, false);
    assert.equal(got.task.action, 'test:child');

    const cat = await client.cat.tasks({ actions: 'test:*', v: true, h: 'action,node' });
    assert.equal(cat, 'action      node\ntest:parent es-0\ntest:child  es-1\n');

    const cancelled = await client.tasks.cancel({ task_id: parent });
    assert.equal(cancelled.nodes[node0].tasks[parent].cancelled, true);
    const after = await client.tasks.list({ actions: 'test:*', group_by: 'none' });
    assert.deepEqual(after.tasks, []);

    await assert.rejects(client.tasks.get({ task_id: child }), (e) => {
        assert.ok(e instanceof errors.ResponseError);
        assert.equal(e.meta.statusCode, 404);
        assert.equal(e.meta.body.error.type, 'resource_not_found_exception');
        return true;
    });
    await assert.rejects(client.tasks.list({ group_by: 'x' }), (e) => e.meta.statusCode === 400);
    console.log('es client: ok');
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
