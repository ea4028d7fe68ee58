// `npm run bench -- lineage`: a lineage graph of 1,000 nodes and about 3,000 edges (400 topics, 300
// services, 300 groups in five tiers: each tier's services produce to its topics and their groups read
// the tier before), measured three ways against baselines taken in the same run:
//   - assembling the graph on the server vs reading its rows from PostgreSQL;
//   - the lineage page in Chromium until the graph is drawn vs the same page with nothing to draw, both in
//     a new browser each time: with the layout made by the worker (as after a lineage refresh), and
//     once with no layout made yet (the web process runs ELK then, and the page draws a draft meanwhile
//     when ELK is slow), and once with one node more than the kept layout (drawn from it);
//   - interactivity: frames per second while panning, and click-to-side-panel time, vs a 20-node view.
// Needs `npm run build` for the browser part. Options: --services 300 --topics 400
import { median, numberArg } from "./args";
import { startBenchEnv } from "./bench-env";
import { BENCH_TOKEN, benchAuth } from "./child-server";
import { edgeCrossings } from "./crossings";
import { startNextServer } from "./next-server";

const serviceCount = numberArg("services", 300);
const topicCount = numberArg("topics", 400);
const TIERS = 5;

const env = await startBenchEnv({ kafka: false });
const { db } = await import("@/server/db");
const { assembleGraph, draftLayout, keptLayout, loadGraphInputs, NODE_SIZE, prepareLayouts, shapeKey } =
  await import("@/server/domain/lineage");

// A fixed pseudo-random sequence, so every run draws the same graph.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;

async function seedGraph() {
  const cluster = await db.cluster.create({ data: { name: "bench", bootstrapServers: ["127.0.0.1:9092"], status: "OK" } });
  const now = new Date();
  const topics = Array.from({ length: topicCount }, (_, i) => ({ name: `t${i % TIERS}.topic-${i}`, tier: i % TIERS }));
  await db.topic.createMany({
    data: topics.map((t) => ({
      clusterId: cluster.id,
      name: t.name,
      partitionCount: 6,
      replicationFactor: 3,
      lastSeenAt: now,
      messagesPerSec: rand() * 50,
    })),
  });
  const services = Array.from({ length: serviceCount }, (_, i) => ({ name: `svc-${i}`, group: `group-${i}`, tier: i % TIERS }));
  await db.consumerGroup.createMany({
    data: services.map((s) => ({
      clusterId: cluster.id,
      groupId: s.group,
      state: "Stable",
      lastSeenAt: now,
      lagStatus: pick(["OK", "OK", "OK", "WARN", "ERR"]),
      totalLag: BigInt(Math.floor(rand() * 10_000)),
    })),
  });
  const edges: { kind: string; clusterId: string; service: string; topic: string; groupId: string }[] = [];
  const tierTopics = (t: number) => topics.filter((x) => x.tier === t).map((x) => x.name);
  for (const s of services) {
    const own = tierTopics(s.tier);
    const upstream = tierTopics(s.tier === 0 ? 0 : s.tier - 1);
    for (let k = 0; k < 3 + (rand() < 0.33 ? 1 : 0); k++)
      edges.push({ kind: "PRODUCES", clusterId: "", service: s.name, topic: pick(own), groupId: "" });
    const reads = new Set(Array.from({ length: 5 + (rand() < 0.67 ? 1 : 0) }, () => pick(upstream)));
    for (const topic of reads) edges.push({ kind: "READS", clusterId: cluster.id, service: "", topic, groupId: s.group });
    // One CONSUMER-span edge per group names its service (the group → service edge).
    edges.push({ kind: "CONSUMES", clusterId: "", service: s.name, topic: [...reads][0]!, groupId: s.group });
  }
  await db.observedEdge.createMany({
    data: edges.map((e) => ({ ...e, firstSeenAt: now, lastSeenAt: now, count: 1n })),
    skipDuplicates: true,
  });
  await db.service.createMany({ data: services.map((s) => ({ name: s.name, ownerTeam: `team-${s.tier}` })) });
}

const ratio = (r: number) => (r < 0.1 ? r.toPrecision(2) : r.toFixed(2));

async function serverSide() {
  const raw: number[] = [];
  const assembled: number[] = [];
  let size = { nodes: 0, edges: 0 };
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    await Promise.all([db.topic.findMany(), db.consumerGroup.findMany(), db.observedEdge.findMany(), db.service.findMany()]);
    raw.push(performance.now() - t);
    t = performance.now();
    const g = assembleGraph(await loadGraphInputs());
    assembled.push(performance.now() - t);
    size = { nodes: g.nodes.length, edges: g.edges.length };
  }
  console.log(`graph: ${size.nodes.toLocaleString("en")} nodes, ${size.edges.toLocaleString("en")} edges (median of 5)`);
  console.log(`${"read the rows, four queries (baseline)".padEnd(44)} ${median(raw).toFixed(0).padStart(6)} ms`);
  console.log(
    `${"load + assemble the graph".padEnd(44)} ${median(assembled).toFixed(0).padStart(6)} ms · ratio ${(median(assembled) / median(raw)).toFixed(2)}`,
  );
  return size;
}

/** The whole graph's draft against the ELK layout the worker made of it: time, and edges crossing. */
async function draftAgainstElk() {
  const graph = assembleGraph(await loadGraphInputs());
  const elk = await keptLayout(shapeKey(graph));
  if (!elk) throw new Error("the worker's layout of the whole graph is not kept");
  const t = performance.now();
  const draft = draftLayout(graph, NODE_SIZE);
  const draftMs = performance.now() - t;
  return {
    elkMs: elk.computeMs,
    draftMs,
    elkCrossings: edgeCrossings(elk.positions, graph.edges, NODE_SIZE),
    draftCrossings: edgeCrossings(draft, graph.edges, NODE_SIZE),
  };
}

async function inBrowser(size: { nodes: number }) {
  const server = await startNextServer({ DATABASE_URL: env.databaseUrl });
  if (!server) {
    console.log("\nin the browser: skipped (run `npm run build` first)");
    return;
  }
  // The pages are signed in with an API token (every request carries it, as automation would).
  const { ensureToken, SCOPES, systemActor } = await import("@/server/domain/identity");
  await ensureToken(systemActor("bench"), { name: "bench", role: "admin", scopes: SCOPES, secret: BENCH_TOKEN });
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, extraHTTPHeaders: benchAuth });
    return context.newPage();
  };
  try {
    let page = await newPage();
    /** A new browser (nothing cached) opening the page, until the graph is drawn. */
    const drawnInNewBrowser = async (query: string) => {
      await page.context().close();
      page = await newPage();
      const t0 = performance.now();
      await page.goto(`${server.base}/lineage${query}`);
      // A large view zoomed out to fit is drawn as one overview picture; a small one node by node.
      await page.waitForSelector('[data-layout="ready"] :is([data-testid="lineage-node"], [data-testid="lineage-overview"])', {
        timeout: 900_000, // a first view of thousands of nodes waits minutes for ELK
      });
      const total = performance.now() - t0;
      const stats = (await page.getByTestId("graph-stats").textContent()) ?? "";
      const layoutMs = Number(/(?:laid out in|made in) ([\d,]+) ms/.exec(stats)?.[1]?.replace(/,/g, "") ?? NaN);
      return { total, layoutMs, kept: stats.includes("kept"), draft: stats.includes("quick draft"), startedAt: t0 };
    };
    /** After a draft was drawn: until ELK's layout has replaced it on the page. */
    const fullAfterDraft = async (t0: number) => {
      await page
        .getByTestId("graph-stats")
        .filter({ hasText: /laid out in|made in/ })
        .waitFor({ timeout: 900_000 });
      const stats = (await page.getByTestId("graph-stats").textContent()) ?? "";
      return { total: performance.now() - t0, layoutMs: Number(/(?:laid out in|made in) ([\d,]+) ms/.exec(stats)![1]!.replace(/,/g, "")) };
    };
    const empty = async () => {
      await page.context().close();
      page = await newPage();
      const t0 = performance.now();
      await page.goto(`${server.base}/lineage?q=nothing-matches-this`);
      await page.waitForSelector("text=Nothing matches these filters", { timeout: 60_000 });
      return performance.now() - t0;
    };
    /** Frames drawn while the mouse drags the canvas for a second. */
    const panFps = async () => {
      const box = (await page.getByTestId("lineage-canvas").boundingBox())!;
      // A string, not a function: tsx would wrap a named function in a helper the page does not have.
      await page.evaluate(`(() => {
        window.frames_ = 0;
        window.counting = true;
        const tick = () => { if (!window.counting) return; window.frames_++; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      })()`);
      const t0 = performance.now();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 0; i < 60; i++)
        await page.mouse.move(box.x + box.width / 2 + (i % 20) * 10, box.y + box.height / 2 + (i % 10) * 5, { steps: 2 });
      await page.mouse.up();
      const frames = await page.evaluate<number>("(() => { window.counting = false; return window.frames_; })()");
      return frames / ((performance.now() - t0) / 1000);
    };
    /** Where a group node is on screen: its element, or in the overview its box (from the layout and the viewport). */
    const groupOnScreen = async (): Promise<{ x: number; y: number } | null> => {
      if (await page.locator('[data-testid="lineage-node"][data-kind="group"]').count()) return null; // an element to click
      const input = encodeURIComponent(JSON.stringify({ "0": { json: { hops: 2, direction: "both" } } }));
      const answer = (await (
        await fetch(`${server.base}/api/trpc/lineage.graph?batch=1&input=${input}`, { headers: benchAuth })
      ).json()) as [
        {
          result: {
            data: {
              json: {
                nodes: { id: string; kind: string }[];
                layout: { node: { width: number; height: number }; positions: Record<string, [number, number]> };
              };
            };
          };
        },
      ];
      const { nodes, layout } = answer[0].result.data.json;
      const pane = (await page.locator(".react-flow__pane").boundingBox())!;
      const transform = await page.locator(".react-flow__viewport").evaluate((el) => getComputedStyle(el).transform);
      const [zoom, , , , tx, ty] = /matrix\(([^)]+)\)/.exec(transform)![1]!.split(",").map(Number) as number[];
      const onScreen = (p: [number, number]) => ({
        x: pane.x + tx! + (p[0] + layout.node.width / 2) * zoom!,
        y: pane.y + ty! + (p[1] + layout.node.height / 2) * zoom!,
      });
      // The group nearest the middle of the canvas: clear of the find box, the legend and the controls.
      const middle = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
      const distance = (a: { x: number; y: number }) => Math.hypot(a.x - middle.x, a.y - middle.y);
      return nodes
        .filter((n) => n.kind === "group")
        .map((n) => onScreen(layout.positions[n.id]!))
        .sort((a, b) => distance(a) - distance(b))[0]!;
    };
    const clickToPanel = async () => {
      const at = await groupOnScreen();
      const t0 = performance.now();
      if (at) await page.mouse.click(at.x, at.y);
      else await page.locator('[data-testid="lineage-node"][data-kind="group"]').first().click();
      await page.waitForSelector('[data-testid="panel-title"]');
      const ms = performance.now() - t0;
      await page.getByRole("button", { name: "Close details" }).click();
      return ms;
    };

    await empty(); // warm: compile caches, fonts
    const small = "?focus=svc%3Asvc-7&hops=1";
    const results = { empty: [] as number[], full: [] as number[], again: [] as number[] };
    // Nobody has laid this shape out yet: the web process runs ELK while the page waits.
    const first = await drawnInNewBrowser("");
    if (first.kept) throw new Error("the whole graph's layout was made before the first visit: the bench measures nothing new");
    // A shape ELK is slow on is drawn from a draft first (draft-layout.ts); the full layout follows.
    const firstFull = first.draft ? await fullAfterDraft(first.startedAt) : first;
    const smallFirst = await drawnInNewBrowser(small);
    // As after a lineage refresh: the worker lays out the whole graph (and each cluster's view).
    await db.lineageLayout.deleteMany();
    const t0 = performance.now();
    const prepared = await prepareLayouts();
    const prepareMs = performance.now() - t0;
    const drafted = await draftAgainstElk();
    for (let r = 0; r < 3; r++) {
      results.empty.push(await empty());
      const f = await drawnInNewBrowser("");
      if (!f.kept) throw new Error("the worker's layout was not used");
      results.full.push(f.total);
      results.again.push((await drawnInNewBrowser("")).total);
    }
    await drawnInNewBrowser("");
    const fpsFull = median([await panFps(), await panFps(), await panFps()]);
    const clickFull = median([await clickToPanel(), await clickToPanel(), await clickToPanel()]);
    // A service seen producing to a topic of the graph for the first time: one node more, drawn from the
    // kept layout (extend-layout.ts) until the worker lays the new shape out.
    const firstTopic = (await db.topic.findFirstOrThrow({ where: { name: { startsWith: "t0." } } })).name;
    await db.observedEdge.create({
      data: {
        kind: "PRODUCES",
        clusterId: "",
        service: "svc-new",
        topic: firstTopic,
        groupId: "",
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
        count: 1n,
      },
    });
    const grown = await drawnInNewBrowser("");
    const grownStats = (await page.getByTestId("graph-stats").textContent()) ?? "";
    if (!grownStats.includes("new nodes placed beside it"))
      throw new Error(`the grown graph was not drawn from its kept layout: ${grownStats}`);
    const smallNodes = (await drawnInNewBrowser(small), await page.getByTestId("lineage-node").count());
    const fpsSmall = median([await panFps(), await panFps(), await panFps()]);
    const clickSmall = median([await clickToPanel(), await clickToPanel(), await clickToPanel()]);
    const row = (label: string, v: number, unit: string, base?: number) =>
      // Two significant digits for a small ratio (the draft's time against ELK's), not "0.00".
      console.log(`${label.padEnd(44)} ${v.toFixed(0).padStart(6)} ${unit}${base ? ` · ratio ${ratio(v / base)}` : ""}`);
    console.log(`\nin Chromium, a new browser each time (median of 3; ${size.nodes.toLocaleString("en")} vs ${smallNodes} nodes):`);
    row("lineage page, nothing to draw (baseline)", median(results.empty), "ms");
    row("whole graph drawn, layout made by the worker", median(results.full), "ms", median(results.empty));
    row("the same page opened again", median(results.again), "ms", median(results.empty));
    row(`whole graph, no layout made yet${first.draft ? " (a draft)" : " (once)"}`, first.total, "ms", median(results.empty));
    if (first.draft) row("  … until ELK's layout replaced the draft", firstFull.total, "ms", median(results.empty));
    row("one node more, from the kept layout (once)", grown.total, "ms", median(results.empty));
    console.log(`\nELK on the server (once per graph shape, in a thread):`);
    row(`${smallNodes}-node focus view (baseline)`, smallFirst.layoutMs, "ms");
    row("whole graph, on the first visit", firstFull.layoutMs, "ms", smallFirst.layoutMs);
    console.log(
      `${"worker: lay out the whole graph + each cluster".padEnd(44)} ${prepareMs.toFixed(0).padStart(6)} ms (${prepared.length} views)`,
    );
    console.log(`\nthe draft drawn meanwhile when ELK is slow, on the whole graph:`);
    row("ELK's layout, edge crossings (baseline)", drafted.elkCrossings, "");
    row("the draft's, edge crossings", drafted.draftCrossings, "", drafted.elkCrossings);
    row("ELK, time (baseline)", drafted.elkMs, "ms");
    row("the draft, time", drafted.draftMs, "ms", drafted.elkMs);
    row(`panning, ${smallNodes}-node view (baseline)`, fpsSmall, "fps");
    row("panning, whole graph", fpsFull, "fps", fpsSmall);
    row(`click → side panel, ${smallNodes}-node view (baseline)`, clickSmall, "ms");
    row("click → side panel, whole graph", clickFull, "ms", clickSmall);
  } finally {
    await browser.close();
    server.child.kill();
  }
}

try {
  await seedGraph();
  const size = await serverSide();
  await inBrowser(size);
} finally {
  await db.$disconnect();
  await env.stop();
}
