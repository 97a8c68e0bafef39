package org.hartbench.core.debug;

import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IMemoryBlockRetrieval;
import org.eclipse.debug.core.model.IMemoryBlockRetrievalExtension;

/** Base of every element of a Hartbench debug target: one model id, one target. */
abstract class HartbenchDebugElement extends DebugElement {

    HartbenchDebugElement(HartbenchDebugTarget target) {
        super(target);
    }

    @Override
    public String getModelIdentifier() {
        return DebugModel.ID;
    }

    HartbenchDebugTarget target() {
        return (HartbenchDebugTarget) getDebugTarget();
    }

    /** The Memory view asks any selected element for its retrieval; it is always the target. */
    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IMemoryBlockRetrieval.class || adapter == IMemoryBlockRetrievalExtension.class) {
            return adapter.cast(getDebugTarget());
        }
        return super.getAdapter(adapter);
    }
}
