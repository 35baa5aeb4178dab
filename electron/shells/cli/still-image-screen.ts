/**
 * A "screen" that is one image file: `magma-desk ask --image shot.png` asks the engine about a picture instead of
 * the live display. Every capture returns the same pixels (a fresh frame id each time, as the frame store needs).
 */
import type { DisplayInfo } from '../../common/geometry.js';
import type { Frame, RgbaImage, ScreenSource } from '../../agent/ports.js';

export class StillImageScreen implements ScreenSource {
  private captures = 0;
  private readonly display: DisplayInfo;

  constructor(private readonly image: RgbaImage, name: string) {
    this.display = { id: 'image', name, bounds: { x: 0, y: 0, width: image.width, height: image.height }, scaleFactor: 1, primary: true };
  }

  async displays(): Promise<DisplayInfo[]> {
    return [this.display];
  }

  async capture(): Promise<Frame> {
    this.captures++;
    return { id: `image-${this.captures}`, capturedAt: Date.now(), image: this.image, geometry: { display: this.display, imageWidth: this.image.width, imageHeight: this.image.height } };
  }
}
