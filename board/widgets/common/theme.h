// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

class QPalette;

/**
 * The colours HelpBoard marks things with, in one place, so every view says "late", "blocked" or "changed by a
 * colleague" alike. Colours drawn as text or outlines on the palette's base are lightened where that base is dark;
 * fills (stripes, filled pills, avatars) keep their colour and take their text from textOn().
 * (Label colours are not here: they are the board's data, offered by LabelModel.)
 */
namespace hb::board::theme {

enum class Mark {
    Danger,  ///< overdue, blocked, critical, over a work-in-progress limit, a refused input
    Warning, ///< due soon, high priority
    Changed, ///< a card a colleague just changed
    Review,  ///< needs review
    Info,    ///< in progress, and other plain statuses
};

/// Whether @p palette draws on a dark base (a dark desktop theme).
bool isDark(const QPalette &palette);
/// @p mark as it is, for fills.
QColor fill(Mark mark);
/// @p mark for text and outlines on @p palette's base: lighter on a dark base, so it stays readable.
QColor onBase(Mark mark, const QPalette &palette);
/// A priority ("critical", "high", "normal", "low"), as a fill: the card's stripe, the menus' swatches.
QColor priority(const QString &priority);
/// A status ("in-progress", "needs-review", "blocked"), as a fill.
QColor status(const QString &status);
/// Whom a ticket is escalated to ("second-line", "vendor"), as a fill: the chip on the card.
QColor escalation(const QString &kind);
/// The same colour for the same person, on every desktop.
QColor avatar(const QString &login);
/// The strip that says why a board cannot be changed: light amber with dark text, in light and dark palettes alike.
QColor bannerBackground();
QColor bannerText();
/// White on a dark or saturated @p background (most fills above), black on a light one (a pale label colour, the
/// orange of "high").
QColor textOn(const QColor &background);

} // namespace hb::board::theme
