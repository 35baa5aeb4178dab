/** PNG/JPEG decode and PNG encode through sharp (libvips): fast, maintained, prebuilt for every platform. */
import sharp from 'sharp';
import type { RgbaImage } from '../agent/ports.js';

export async function decodeImage(input: string | Buffer): Promise<RgbaImage> {
  let r;
  try {
    r = await sharp(input).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    const what = typeof input === 'string' ? input : 'image data';
    throw new Error(`cannot read ${what} as an image: ${(e as Error).message}`);
  }
  return { width: r.info.width, height: r.info.height, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
}

export async function encodePng(img: RgbaImage): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 4 },
  })
    .png({ compressionLevel: 3 })
    .toBuffer();
}
