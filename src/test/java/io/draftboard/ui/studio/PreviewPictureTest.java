package io.draftboard.ui.studio;

import static org.assertj.core.api.Assertions.assertThat;

import io.draftboard.ui.studio.PreviewModel.Shot;
import io.draftboard.ui.studio.PreviewPicture.Frame;
import org.junit.jupiter.api.Test;

/** A step frame over the picture: it gives way to its job's image, or back to the picture it covered. */
class PreviewPictureTest {
    private static final Shot PICTURE = new Shot(null, "Draft", null, 1);
    private final PreviewPicture picture = new PreviewPicture();

    private static Shot frame(String caption) {
        return new Shot(null, caption, null, 0);
    }

    @Test
    void aJobThatEndsWithoutAnImageGivesBackThePictureItsFrameCovered() {
        picture.show(PICTURE);
        picture.frame(Frame.DRAFT, frame("Draft · step 1 of 4"));
        picture.frame(Frame.DRAFT, frame("Draft · step 2 of 4"));

        picture.drop(Frame.DRAFT);

        assertThat(picture.get()).isSameAs(PICTURE);
    }

    @Test
    void anotherJobEndingLeavesTheFrameOnScreen() {
        picture.show(PICTURE);
        Shot finalFrame = frame("Final · step 3 of 28");
        picture.frame(Frame.FINAL, finalFrame);

        picture.drop(Frame.DRAFT);

        assertThat(picture.get()).isSameAs(finalFrame);
    }

    @Test
    void aFrameOverAnotherJobsFrameStillGivesBackTheFinishedPicture() {
        picture.show(PICTURE);
        picture.frame(Frame.DRAFT, frame("Draft · step 1 of 4"));
        picture.frame(Frame.FINAL, frame("Final · step 1 of 28"));

        picture.drop(Frame.FINAL);

        assertThat(picture.get()).isSameAs(PICTURE);
    }

    @Test
    void aFinishedPictureEndsTheFrameSoALaterDropChangesNothing() {
        picture.frame(Frame.FINAL, frame("Final · step 1 of 28"));
        Shot landed = new Shot(null, "Final", null, 2);
        picture.show(landed);

        picture.drop(Frame.FINAL);

        assertThat(picture.get()).isSameAs(landed);
    }
}
