/**
 * "Get Magma-8B" in the app, as data: the GPU and disk check shown before anything is contacted, and the state of the
 * flow (look up size and licence, download, convert, install, select, one-step check) that the host pushes on
 * `magma:get-progress`. Pure: the host (electron/main/magma-get.ts) decides, the renderer (GetMagma.tsx) shows.
 */
import { z } from 'zod';

export const GetMagmaPhases = ['idle', 'looking', 'ready', 'downloading', 'converting', 'installing', 'checking', 'done', 'stopped', 'failed'] as const;
export type GetMagmaPhase = (typeof GetMagmaPhases)[number];

export const GpuCheckSchema = z.strictObject({
  ok: z.boolean(),
  message: z.string(),
  install: z.string().optional(),
  cards: z.array(z.enum(['nvidia', 'amd', 'intel', 'other'])).optional(),
});

/** magma:gpu-check: local only (no network): the GPU, and free space where the model would go. */
export const GetMagmaLocalSchema = z.strictObject({
  gpu: GpuCheckSchema,
  modelsDir: z.string(),
  freeBytes: z.number().nonnegative(),
  /** What a person needs to know before starting, in one sentence (the Hub is contacted only after Start). */
  need: z.string(),
});
export type GetMagmaLocal = z.infer<typeof GetMagmaLocalSchema>;

/** What the Hub said, shown before the download starts. */
export const GetMagmaPlanSchema = z.strictObject({
  repo: z.string(),
  sha: z.string(),
  files: z.number().int().nonnegative(),
  /** The checkpoint's size, and how much of it is already on disk (an earlier, stopped download). */
  totalBytes: z.number().nonnegative(),
  presentBytes: z.number().nonnegative(),
  /** Still to download plus the converted model. */
  needBytes: z.number().nonnegative(),
  freeBytes: z.number().nonnegative(),
  /** The licence as the model card states it, e.g. "mit". */
  licence: z.string(),
  licenceLink: z.string().optional(),
});
export type GetMagmaPlan = z.infer<typeof GetMagmaPlanSchema>;

export const GetMagmaProgressSchema = z.strictObject({
  what: z.enum(['download', 'convert']),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** Seconds left at this run's rate; absent until there is a rate. */
  etaS: z.number().nonnegative().optional(),
  /** Bytes per second (download) in this run. */
  rate: z.number().nonnegative().optional(),
  /** The file being downloaded, or the converter's stage. */
  item: z.string().optional(),
});
export type GetMagmaProgress = z.infer<typeof GetMagmaProgressSchema>;

export const GetMagmaStateSchema = z.strictObject({
  phase: z.enum(GetMagmaPhases),
  plan: GetMagmaPlanSchema.optional(),
  progress: GetMagmaProgressSchema.optional(),
  /** What is happening or what happened, in plain words. */
  message: z.string().optional(),
  /** The installed and selected bundle, and the one-step check's result. */
  result: z.strictObject({ name: z.string(), dir: z.string(), checkOk: z.boolean(), check: z.string() }).optional(),
});
export type GetMagmaState = z.infer<typeof GetMagmaStateSchema>;

/** Sizes for people: 17.80 GB, 41.2 MB, 3.0 kB (the same as the CLI's). */
export function formatSize(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`;
}

/** "about 3 min 20 s left" */
export function formatEta(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return 'time left not known yet';
  if (s >= 3600) return `about ${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min left`;
  if (s >= 60) return `about ${Math.floor(s / 60)} min ${Math.round(s % 60)} s left`;
  return `about ${Math.ceil(s)} s left`;
}

/** Rate and time left from this run's bytes only (a resumed download must not look faster than it is). */
export function rateAndEta(doneThisRun: number, elapsedMs: number, left: number): { rate?: number; etaS?: number } {
  if (elapsedMs < 500 || doneThisRun <= 0) return {};
  const rate = doneThisRun / (elapsedMs / 1000);
  return { rate, etaS: left / rate };
}
