// ELK's worker build wires itself to this worker's onmessage when it loads: the layered layout of a
// large graph then runs off the main thread, and the page stays responsive while it computes.
import "elkjs/lib/elk-worker.min.js";
