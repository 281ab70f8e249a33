import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HocuspocusProvider, type HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { unsealOfficeSigner, type OfficeSigner } from '../src/core/office/connection';
import { serverToken } from '../src/core/office/client';
import { signReviewEvent } from '../src/core/office/review';
import { pinOf, readOfficeConnection } from '../src/core/office/invitations';
import { officeServer } from '../src/core/office/testServer';
import { PASSWORD, openSeededCore, runOnRealTime, sharedTempDir } from '../src/core/testkit';
import { articleDocumentName } from '../src/shared/sync/documents';
import { REVIEW_EVENTS } from '../src/shared/sync/review';
import { WORKFLOW_EVENT_KINDS } from '../src/shared/review';
import type { OfficeServerPin } from '../src/core/office/client';
import type { BenchRow } from './autosave.bench';
import { summarize } from './lib/stats';
import { bareProvider, bareSocket, clockMs, until, whenUpdated } from './lib/workstation';

// Thirty workstations, headless (a Yjs replica of every document and its provider on one socket
// each, as a workstation's connection holds them), working on the office's 100 articles for a
// minute: keystrokes into the articles' text and signed workflow events into their review
// documents, each dropping its link now and then for a few seconds. Then every link comes back
// and the clock runs until every replica of every document holds the same state. Beside it: the
// server's memory and CPU time, and the bytes each keystroke sends.

const WORKSTATIONS = Number(process.env.BIENTAP_BENCH_OFFICE_WORKSTATIONS ?? 30);
const ARTICLES = Number(process.env.BIENTAP_BENCH_OFFICE_ARTICLES ?? 100);
const SECONDS = Number(process.env.BIENTAP_BENCH_OFFICE_SECONDS ?? 60);
const CLOCK_TICKS = 100;

interface Workstation {
  signer: OfficeSigner;
  socket: HocuspocusProviderWebsocket;
  docs: Map<string, Y.Doc>;
  providers: HocuspocusProvider[];
  token: Promise<string> | null;
  /** While its link is down: the timer that brings it back. */
  down: NodeJS.Timeout | null;
}

function serverUsage(pid: number): { rssMiB: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  // Fields after the command's closing parenthesis: utime is the 14th field, stime the 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { rssMiB: rss, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
}

/** One headless workstation: every document of the office on one pinned socket, signed in as `signer`. */
function workstation(pin: OfficeServerPin, names: readonly string[], signer: OfficeSigner): Workstation {
  const socket = bareSocket(pin);
  const station: Workstation = { signer, socket, docs: new Map(), providers: [], token: null, down: null };
  // One sign-in per connection, as a workstation's: a fresh challenge after every reconnection.
  socket.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') station.token = null;
  });
  for (const name of names) {
    const doc = new Y.Doc({ guid: name });
    station.docs.set(name, doc);
    const provider = new HocuspocusProvider({
      name,
      document: doc,
      awareness: null,
      websocketProvider: socket,
      token: () => (station.token ??= serverToken(pin, signer)),
    });
    provider.attach();
    station.providers.push(provider);
  }
  return station;
}

/** Brings a dropped link back (once: connecting a socket already connecting throws from inside ws). */
function reconnect(station: Workstation): void {
  if (station.down) clearTimeout(station.down);
  station.down = null;
  void station.socket.connect();
}

export async function benchOffice(): Promise<(BenchRow & { notes?: string[] })[]> {
  const { core: desk } = await openSeededCore();
  runOnRealTime(desk);
  const server = await officeServer(desk, join(sharedTempDir('bientap-bench-office-'), 'server'));
  const stations: Workstation[] = [];
  const bare: HocuspocusProvider[] = [];
  try {
    const pin = pinOf(readOfficeConnection(desk.ctx)!);
    // Editors, heads and the administrator open every article (reporters only their own).
    const signers: OfficeSigner[] = [];
    for (const username of ['bientap', 'truongphong', 'quantri']) {
      const id = desk.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
      signers.push((await unsealOfficeSigner(desk.ctx, id, PASSWORD))!);
    }
    const articleIds = Array.from({ length: ARTICLES }, () => randomUUID());
    const names = articleIds.flatMap((id) => [articleDocumentName(id, 'content'), articleDocumentName(id, 'review')]);
    const idle = serverUsage(server.pid);

    // The bare round trip, the baseline: one letter from one provider to another through the server.
    const name = articleDocumentName(randomUUID(), 'content');
    const a = bareProvider(pin, name, signers[0]!);
    const b = bareProvider(pin, name, signers[1]!);
    bare.push(a, b);
    await until(() => a.isSynced && b.isSynced, 'the bare pair synced');
    const roundTrips: number[] = [];
    for (let round = 0; round < 30; round++) {
      const word = `x${round}`;
      const shown = whenUpdated(b.document, () => b.document.getText('body').toString().includes(word), word);
      const start = clockMs();
      a.document.getText('body').insert(0, word);
      await shown;
      roundTrips.push(clockMs() - start);
    }

    for (let i = 0; i < WORKSTATIONS; i++) stations.push(workstation(pin, names, signers[i % signers.length]!));
    await until(
      () => stations.every((station) => station.providers.every((provider) => provider.isSynced)),
      'every workstation synced',
      180_000,
    );
    const joined = serverUsage(server.pid);

    let keystrokes = 0;
    let keystrokeBytes = 0;
    let events = 0;
    let disconnects = 0;
    let peakRss = joined.rssMiB;
    for (const station of stations) {
      for (const [docName, doc] of station.docs) {
        if (!docName.endsWith('/content')) continue;
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === null || origin === undefined) keystrokeBytes += update.length;
        });
      }
    }
    const end = Date.now() + SECONDS * 1000;
    const usageTimer = setInterval(() => (peakRss = Math.max(peakRss, serverUsage(server.pid).rssMiB)), 1000);
    const kinds = WORKFLOW_EVENT_KINDS;
    await Promise.all(
      stations.map(async (station, index) => {
        while (Date.now() < end) {
          await new Promise((done) => setTimeout(done, 100 + Math.random() * 200));
          if (!station.down && Math.random() < 0.01) {
            // The link drops for a few seconds: the work goes on offline.
            disconnects += 1;
            station.socket.disconnect();
            station.down = setTimeout(() => reconnect(station), 1000 + Math.random() * 4000);
          }
          const articleId = articleIds[Math.floor(Math.random() * articleIds.length)]!;
          if (Math.random() < 0.9) {
            const text = station.docs.get(articleDocumentName(articleId, 'content'))!.getText('body');
            text.insert(Math.floor(Math.random() * (text.length + 1)), 'Huế'[keystrokes % 3]!);
            keystrokes += 1;
          } else {
            const review = station.docs.get(articleDocumentName(articleId, 'review'))!;
            review.getArray(REVIEW_EVENTS).push([
              signReviewEvent(
                {
                  v: 1,
                  id: randomUUID(),
                  articleId,
                  kind: kinds[(index + events) % kinds.length]!,
                  actorId: station.signer.userId,
                  keyFingerprint: station.signer.fingerprint,
                  at: new Date().toISOString(),
                  contentHash: '0'.repeat(64),
                  note: '',
                  revisionId: null,
                  scheduledFor: null,
                  approval: null,
                },
                station.signer.privateKey,
              ),
            ]);
            events += 1;
          }
        }
      }),
    );
    // The last links come back now; then, per document, how long until every replica holds the same.
    for (const station of stations) if (station.down) reconnect(station);
    const reconnected = clockMs();
    const converged = new Map<string, number>();
    const vectors = (docName: string) =>
      stations.map((station) => Buffer.from(Y.encodeStateVector(station.docs.get(docName)!)).toString('base64'));
    await until(
      () => {
        for (const docName of names) {
          if (converged.has(docName)) continue;
          const all = vectors(docName);
          if (all.every((vector) => vector === all[0])) converged.set(docName, clockMs() - reconnected);
        }
        return converged.size === names.length;
      },
      'every replica converged',
      180_000,
    );
    clearInterval(usageTimer);
    const after = serverUsage(server.pid);
    const cpuShare = (after.cpuSeconds - joined.cpuSeconds) / (SECONDS + (clockMs() - reconnected) / 1000);
    return [
      {
        name: `${WORKSTATIONS} máy trạm, ${ARTICLES} bài, ${SECONDS} s gõ và sự kiện duyệt, rớt mạng ngẫu nhiên → mọi bản sao giống nhau sau lần nối lại cuối (mỗi tài liệu)`,
        measured: summarize([...converged.values()]),
        baseline: summarize(roundTrips.slice(5)),
        baselineName: 'một chữ giữa hai nhà cung cấp trần qua máy chủ',
        unit: 'ms',
        notes: [
          `  ${keystrokes} lần gõ, ${events} sự kiện duyệt có chữ ký, ${disconnects} lần rớt mạng; cả văn phòng giống nhau sau ${Math.max(...converged.values()).toFixed(0)} ms`,
          `  mỗi lần gõ gửi trung bình ${(keystrokeBytes / Math.max(1, keystrokes)).toFixed(1)} byte (cập nhật Yjs của lần gõ)`,
          `  CPU máy chủ khi làm việc: ${(cpuShare * 100).toFixed(0)}% một lõi`,
        ],
      },
      {
        name: `bộ nhớ máy chủ (RSS) lúc cao nhất khi ${WORKSTATIONS} máy trạm làm việc`,
        measured: summarize([peakRss]),
        baseline: summarize([idle.rssMiB]),
        baselineName: 'máy chủ vừa khởi động, chưa máy nào nối',
        unit: 'MiB',
        notes: [`  sau khi ${WORKSTATIONS} máy trạm đồng bộ xong: ${joined.rssMiB.toFixed(0)} MiB`],
      },
    ];
  } finally {
    for (const station of stations) {
      for (const provider of station.providers) provider.destroy();
      station.socket.destroy();
    }
    for (const provider of bare) provider.destroy();
    await server.kill();
    desk.close();
  }
}
