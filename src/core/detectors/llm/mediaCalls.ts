import type { Argument, CallSite, SourceFile } from '../../parsing/source/callSites';
import { isRecord, SerializedJson, Unresolved, type SourceValue } from '../../parsing/source/sourceValue';

/**
 * What an OpenAI call that is not billed per text token asks for: speech is billed per
 * input character (or per token on token-priced TTS models), transcription per minute of
 * audio, images per image (or per image-output token), video per second.
 */
export type MediaRequest =
  | { kind: 'speech'; input: SourceValue | undefined }
  | { kind: 'transcription'; duration: AudioDuration }
  | { kind: 'image'; size: SourceValue | undefined; quality: SourceValue | undefined; n: SourceValue | undefined; partialImages: SourceValue | undefined }
  | { kind: 'video'; seconds: SourceValue | undefined; size: SourceValue | undefined }
  | BedrockImageRequest;

/** Bedrock `invoke_model` on an image model: its request body's `imageGenerationConfig`. */
export interface BedrockImageRequest {
  kind: 'bedrock-image';
  /** The body's settings, or why the body is not readable. */
  config: { [key: string]: SourceValue } | Unresolved;
}

/** Bedrock image models billed per image (Titan Image Generator, Nova Canvas, Stability). */
export const BEDROCK_IMAGE_MODEL = /(^|\.)(amazon\.titan-image-generator|amazon\.nova-canvas|stability\.)/;

/** The `imageGenerationConfig` of an `invoke_model` body: a dict, its `json.dumps`, or a JSON literal. */
export function bedrockImageRequest(body: SourceValue | undefined): BedrockImageRequest {
  const data = body instanceof SerializedJson ? body.data : typeof body === 'string' ? parseJson(body) : body;
  if (data === undefined) return { kind: 'bedrock-image', config: new Unresolved('the request body is not set') };
  if (data instanceof Unresolved) return { kind: 'bedrock-image', config: new Unresolved(`the request body ${data.reason}`) };
  if (!isRecord(data)) return { kind: 'bedrock-image', config: new Unresolved('the request body is not a JSON object') };
  const config = data.imageGenerationConfig;
  if (config === undefined) return { kind: 'bedrock-image', config: {} };
  return { kind: 'bedrock-image', config: isRecord(config) ? config : new Unresolved(`imageGenerationConfig ${config instanceof Unresolved ? config.reason : 'is not an object'}`) };
}

function parseJson(text: string): SourceValue | undefined {
  try {
    return JSON.parse(text) as SourceValue;
  } catch {
    return new Unresolved('is a string that is not JSON');
  }
}

/** How long the audio sent for transcription is, as far as the source says. */
export interface AudioDuration {
  seconds?: number;
  /** Where the length comes from, or why it is not known. */
  note: string;
}

export type MediaKind = MediaRequest['kind'];

const MEDIA: { pattern: RegExp; kind: MediaKind; label: string }[] = [
  { pattern: /(^|\.)audio\.speech\.create$/, kind: 'speech', label: 'audio.speech.create' },
  { pattern: /(^|\.)audio\.transcriptions\.create$/, kind: 'transcription', label: 'audio.transcriptions.create' },
  { pattern: /(^|\.)audio\.translations\.create$/, kind: 'transcription', label: 'audio.translations.create' },
  { pattern: /(^|\.)images\.(generate|edit|create_variation|createVariation)$/, kind: 'image', label: 'images.' },
  { pattern: /(^|\.)videos\.(create|create_and_poll|createAndPoll|remix)$/, kind: 'video', label: 'videos.' },
];

/** Models the endpoints use when the call names none (OpenAI API reference). */
const DEFAULT_MODEL: Partial<Record<MediaKind, string>> = { image: 'dall-e-2', video: 'sora-2' };

export interface MediaCall {
  label: string;
  request: MediaRequest;
  /** The endpoint's default model when the call names none. */
  defaultModel?: string;
}

export function recognizeMediaCall(source: SourceFile, call: CallSite, callee: string): MediaCall | undefined {
  const match = MEDIA.find((m) => m.pattern.test(callee));
  if (!match) return undefined;
  const label = match.label.endsWith('.') ? `${match.label}${call.name}` : match.label;
  const kw = (name: string) => call.kwargs.get(name)?.value;
  const request: MediaRequest = match.kind === 'speech'
    ? { kind: 'speech', input: kw('input') }
    : match.kind === 'transcription'
      ? { kind: 'transcription', duration: audioDuration(source, call.kwargs.get('file')) }
      : match.kind === 'image'
        ? { kind: 'image', size: kw('size'), quality: kw('quality'), n: kw('n'), partialImages: kw('partial_images') }
        : { kind: 'video', seconds: kw('seconds'), size: kw('size') };
  return { label, request, defaultModel: DEFAULT_MODEL[match.kind] };
}

/** Keywords of a recorder or clip call that bound how long its audio runs. */
const DURATION_KEYWORDS = ['timeout', 'duration', 'seconds', 'record_seconds'];

/**
 * The length of the audio file passed in: only a recording whose length is written in the
 * call that made it (`Microphone(timeout=10).record()`) says it; a file on disk does not.
 */
function audioDuration(source: SourceFile, file: Argument | undefined): AudioDuration {
  if (!file) return { note: 'no file argument in this call' };
  const made = file.name ? source.bindings.get(file.name) : undefined;
  for (let c: CallSite | undefined = made; c; c = c.receiverCall) {
    for (const k of DURATION_KEYWORDS) {
      const v = c.kwargs.get(k)?.value;
      if (typeof v === 'number' && v > 0) return { seconds: v, note: `${v} s of audio: the recording is made by \`${c.name}(${k}=${v})\`, an upper bound` };
    }
  }
  return { note: `the length of the audio in \`${file.name ?? 'file'}\` is not in the source` };
}
