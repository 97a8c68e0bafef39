package org.hartbench.ui.tests.views;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Comparator;

import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IViewPart;

/**
 * Moves a view into another part stack of its window through the workbench model, so that two
 * views a perspective stacks together can be seen (and paint) at the same time. The 3.x page API
 * has no public way to do this.
 */
final class PartStacks {
    private PartStacks() {
    }

    /**
     * Moves the view to the largest visible view stack other than its own (never the editor
     * area's), and selects it there.
     */
    static void moveToAnotherStack(IViewPart view) {
        EModelService models = view.getSite().getService(EModelService.class);
        MWindow window = view.getSite().getService(MWindow.class);
        MPart part = view.getSite().getService(MPart.class);
        assertNotNull(models, "the workbench model service");
        MUIElement own = part.getCurSharedRef() != null ? part.getCurSharedRef().getParent() : part.getParent();
        MPartStack target = models.findElements(window, null, MPartStack.class).stream()
                .filter(s -> s != own && !s.getTags().contains("EditorStack") && s.isToBeRendered() && s.isVisible()
                        && s.getWidget() instanceof Control c && !c.isDisposed() && c.isVisible())
                .max(Comparator.comparingInt(PartStacks::area)).orElse(null);
        assertNotNull(target, "another visible part stack to put " + view.getTitle() + " in");
        @SuppressWarnings("unchecked")
        MElementContainer<MUIElement> container = (MElementContainer<MUIElement>) (MElementContainer<?>) target;
        MUIElement moved = part.getCurSharedRef() != null ? part.getCurSharedRef() : part;
        models.move(moved, container);
        container.setSelectedElement(moved);
    }

    /** Where the view is, for failure messages: its stack's id and whether the view is on top. */
    static String describe(IViewPart view) {
        MPart part = view.getSite().getService(MPart.class);
        MUIElement shown = part.getCurSharedRef() != null ? part.getCurSharedRef() : part;
        MElementContainer<MUIElement> stack = shown.getParent();
        return stack == null ? "no stack"
                : "stack '" + stack.getElementId() + "'" + (stack.getSelectedElement() == shown ? " (on top)" : "");
    }

    private static int area(MPartStack stack) {
        Control c = (Control) stack.getWidget();
        return c.getSize().x * c.getSize().y;
    }
}
