package org.hartbench.core.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/** Builds the CoreExceptions the launch code reports; the message is what the user sees. */
final class LaunchStatus {
    private LaunchStatus() {
    }

    static final String BUNDLE = "org.hartbench.core";

    static CoreException error(String message, Throwable cause) {
        return new CoreException(new Status(IStatus.ERROR, BUNDLE, message, cause));
    }
}
