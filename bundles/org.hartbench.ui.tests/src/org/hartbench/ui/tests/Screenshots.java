package org.hartbench.ui.tests;

import java.io.File;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what a shell shows as a PNG under the directory named by hartbench.screenshots. */
public final class Screenshots {
    private Screenshots() {
    }

    /** Returns the file written. Call on the UI thread. */
    public static File save(Shell shell, String name) {
        UiTestSupport.processEvents();
        File dir = new File(System.getProperty("hartbench.screenshots", "target/screenshots"));
        dir.mkdirs();
        Display display = shell.getDisplay();
        Rectangle area = shell.getBounds();
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, area.x, area.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            File file = new File(dir, name + ".png");
            loader.save(file.getPath(), SWT.IMAGE_PNG);
            return file;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
