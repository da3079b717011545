package dev.newsflow.processor.extract;

import java.util.regex.Pattern;

/** Recognises short lines that are page furniture whatever element holds them. */
final class BoilerplateText {
    private static final int SHORT = 160;
    private static final Pattern FURNITURE = Pattern.compile("(?iu)^(?:advertisement|advertising|anzeige|publicité|ad"
            + "|sponsored(?: content)?|read more|read next|read also|more:|related(?: articles| stories| coverage| content)?:?"
            + "|see also|also read|recommended|click here|sign up|subscribe|follow us|follow|share(?: this)?(?: article| story)?"
            + "|tweet|email|e-mail|print|comments?|\\d+ comments?|leave a comment|image:|photo:|photograph:|credit:|source:"
            + "|video:|watch:|listen:|getty images|©|copyright|all rights reserved|updated|published|posted|last updated"
            + "|skip to|jump to|back to top|top stories|trending|most read|most popular|newsletter|log in|login|register"
            + "|cookie|we use cookies|this site uses cookies|loading|please enable javascript|you may also like"
            + "|continue reading|show comments|view comments|next article|previous article|topics:|tags:|filed under)\\b.*");
    private static final Pattern BYLINE = Pattern.compile("(?iu)^(?:by|von|par|por|door|di|av)\\s+\\p{Lu}[\\p{L}.'\\-]*"
            + "(?:\\s+\\p{Lu}[\\p{L}.'\\-]*){0,3}(?:\\s*(?:,|and|&|und|et|y)\\s*\\p{Lu}[\\p{L}.'\\-]*(?:\\s+\\p{Lu}[\\p{L}.'\\-]*){0,3})*"
            + "(?:\\s*[|,•·\\-–]\\s*.{0,60})?$");

    private BoilerplateText() {
    }

    static boolean isFurniture(String text) {
        if (text.length() > SHORT) {
            return false;
        }
        return FURNITURE.matcher(text).matches() || BYLINE.matcher(text).matches();
    }
}
