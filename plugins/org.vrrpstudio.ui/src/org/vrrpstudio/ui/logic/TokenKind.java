package org.vrrpstudio.ui.logic;

/** What a highlighted stretch of keepalived.conf text is, for colouring. */
public enum TokenKind {
    KEYWORD, COMMENT, NUMBER, STRING, BRACE
}
