package org.hartbench.core.debug;

import java.io.File;

import org.eclipse.debug.core.model.ISourceLocator;
import org.eclipse.debug.core.model.IStackFrame;

/**
 * Finds the C file of a Hartbench frame from the kernel's DWARF line info. The element is a
 * {@link File} on the local disk (the path the compiler recorded), or null when the frame has no
 * line info or the file is not on this machine; the model presentation turns it into an editor.
 */
public final class HartbenchSourceLocator implements ISourceLocator {

    @Override
    public Object getSourceElement(IStackFrame frame) {
        if (frame instanceof HartStackFrame f) {
            return f.source().map(l -> l.file().toFile()).filter(File::isFile).orElse(null);
        }
        return null;
    }
}
