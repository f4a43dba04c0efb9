#!/usr/bin/env node
// Keeps one service alive on a local install:
//   node supervise.js STATE_FILE -- COMMAND [ARGS...]
// Runs the command with this process's output, and starts it again whenever it exits on its own:
// at once the first time, then after a delay that doubles up to 10 s while it keeps failing
// within 30 s of starting. Every restart is logged as a JSON line beside the service's own, and
// STATE_FILE holds {pid, childPid, restarts, lastExit} for `./hb status`. SIGTERM or SIGINT goes
// on to the service, which is not restarted once it has stopped; this process then exits with it.
'use strict';
const { spawn } = require('node:child_process');
const { writeFileSync, renameSync } = require('node:fs');

const [stateFile, separator, command, ...args] = process.argv.slice(2);
if (!stateFile || separator !== '--' || !command) {
  process.stderr.write('usage: supervise.js STATE_FILE -- COMMAND [ARGS...]\n');
  process.exit(2);
}

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 10_000;
const HEALTHY_AFTER_MS = 30_000;

let child;
let stopping = false;
let restarts = 0;
let delayMs = 0;
let lastExit = null;

function log(level, msg, fields) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, service: 'supervisor', msg, ...fields })}\n`);
}

function saveState() {
  const temporary = `${stateFile}.tmp`;
  writeFileSync(temporary, JSON.stringify({ pid: process.pid, childPid: child?.pid ?? null, restarts, lastExit }));
  renameSync(temporary, stateFile);
}

function start() {
  const startedAt = Date.now();
  child = spawn(command, args, { stdio: 'inherit' });
  saveState();
  child.on('exit', (code, signal) => {
    lastExit = { code, signal, at: new Date().toISOString() };
    child = undefined;
    if (stopping) {
      saveState();
      process.exit(code ?? 0);
    }
    delayMs = Date.now() - startedAt >= HEALTHY_AFTER_MS ? FIRST_DELAY_MS : Math.min(Math.max(delayMs * 2, FIRST_DELAY_MS), MAX_DELAY_MS);
    restarts += 1;
    saveState();
    log('warn', 'service exited; restarting it', { command: args.join(' '), code, signal, restarts, inMs: delayMs });
    setTimeout(() => {
      if (!stopping) start();
    }, delayMs);
  });
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true;
    if (child) child.kill(signal);
    else process.exit(0);
  });
}

start();
