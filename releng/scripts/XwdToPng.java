// Converts an X Window Dump (as Xvfb -fbdir writes it: ZPixmap, 24-bit depth in 32-bit pixels)
// to PNG. Run with: java XwdToPng.java IN.xwd OUT.png
//
// XWD layout: a header of 25 big-endian 32-bit fields (the first is the header size, which
// includes the window name that follows), then ncolors 12-byte colour entries, then the pixels.

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

import javax.imageio.ImageIO;

public class XwdToPng {
    public static void main(String[] args) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(new File(args[0]).toPath())).order(ByteOrder.BIG_ENDIAN);
        int headerSize = in.getInt(0);
        int format = in.getInt(8);
        int width = in.getInt(16), height = in.getInt(20);
        int byteOrder = in.getInt(28);
        int bitsPerPixel = in.getInt(44);
        int bytesPerLine = in.getInt(48);
        int ncolors = in.getInt(76);
        if (format != 2 || bitsPerPixel != 32) {
            throw new IllegalArgumentException("only ZPixmap with 32 bits per pixel is supported (format " + format
                    + ", " + bitsPerPixel + " bpp)");
        }
        int pixels = headerSize + 12 * ncolors;
        in.order(byteOrder == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, in.getInt(pixels + y * bytesPerLine + 4 * x) & 0xffffff);
            }
        }
        ImageIO.write(image, "png", new File(args[1]));
    }
}
