package org.vrrpstudio.config.ast;

import org.vrrpstudio.config.Location;

/**
 * One element of a configuration file as written: the lossless syntax tree keeps comments, blank lines,
 * includes, conditions, parameter definitions and keywords nobody knows about, in their order.
 */
public sealed interface Node permits Statement, Comment, BlankLine, Include, ParamDefinition {

    /** Where the node starts ({@link Location#NONE} for nodes built in code). */
    Location location();
}
