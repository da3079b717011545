package dev.newsflow.processor.extract;

/**
 * One run of text between block boundaries, in document order.
 *
 * @param text      whitespace-normalised text
 * @param linkChars characters of {@code text} inside links
 * @param tag       the block element it belongs to (p, h2, li, blockquote, pre, td, div, figcaption, img ...)
 * @param image     for images: the {@code img} element (its URL is resolved only if the image is kept), else null
 */
record Block(String text, int linkChars, String tag, org.jsoup.nodes.Element image) {

    double linkDensity() {
        return text.isEmpty() ? 0 : (double) linkChars / text.length();
    }

    boolean isHeading() {
        return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
    }

    boolean isImage() {
        return image != null;
    }

    /** Absolute image URL, or null. */
    String src() {
        if (image == null) {
            return null;
        }
        String src = image.attr("src");
        String abs = src.isEmpty() || src.startsWith("data:") ? image.absUrl("data-src") : image.absUrl("src");
        return abs.isEmpty() ? null : abs;
    }
}
