// The body of a request or response our node adapter serves, kept beside the fetch object rather than
// only inside it. A fetch Request or Response wraps its body in a web ReadableStream: building one and
// reading it back costs more than a registry lookup's own work (measured: about a fifth of the CPU of
// a lookup). The node adapter reads a request's body whole before the handler runs and hands the
// handler a body-less Request with the bytes kept here; a response made by `textResponse` still has
// its body for Next, and the node adapter writes the kept text instead of reading the stream back.

const requestBodies = new WeakMap<Request, Buffer>();
const responseTexts = new WeakMap<Response, string>();

/** `request` (made without a body) carries `body`, as read by the node adapter. */
export function keepRequestBody(request: Request, body: Buffer): Request {
  requestBodies.set(request, body);
  return request;
}

/** The body the node adapter read for this request, or undefined when it came as a stream (Next, large bodies). */
export function keptRequestBody(request: Request): Buffer | undefined {
  return requestBodies.get(request);
}

/** A Response whose text the node adapter can send without reading its stream. */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init);
  responseTexts.set(response, text);
  return response;
}

/** The text of a response made by `textResponse` whose stream nobody has read. */
export function keptResponseText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : responseTexts.get(response);
}
