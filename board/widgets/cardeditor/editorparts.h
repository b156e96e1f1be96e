// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QString>

#include <functional>
#include <optional>

class QLabel;
class QTextBrowser;
class QWidget;

/// Pieces the card editor's sections share: entries (comments, history) shown as escaped HTML, and notices.
namespace hb::board::editorparts {

/// @p msecs as a short local date and time; empty for 0.
QString when(qint64 msecs);

/// Plain text as HTML: every character escaped, line breaks kept, and web addresses made links (the only markup).
QString plainWithLinks(const QString &text);

/// One entry of the comments or the history: who and when (exactly, as a tooltip; relative to @p now as text),
/// @p after that (HTML), then @p body (HTML).
QString entryHtml(const QString &who, qint64 at, qint64 now, const QString &after, const QString &body);

/// A list of entries shown as HTML, its links handled by its owner. As tall as what it holds: the editor scrolls,
/// not the list inside it.
QTextBrowser *entryList(const QString &name, int minimumHeight, QWidget *parent);

/// A line under a field that says why what was typed or pasted was not all taken; hidden until then.
QLabel *noticeLabel(const QString &name, QWidget *parent);

/// What a notice says when a long text lost @p dropped characters.
QString tooLongText(qsizetype dropped);

/// How a section of the editor saves a change to the card shown: one undo step named @p undoText. @p base, what the
/// fields showed when typing began, makes a colleague's change meanwhile a conflict rather than overwritten unseen.
/// False when refused (the editor then shows what the card still has).
using SaveCard = std::function<bool(const storage::CardPatch &patch, const QString &undoText,
                                    const std::optional<storage::CardPatch> &base)>;

/// Saves @p typed as one text field of the card, with what the field showed when typing began (in @p typedFrom) as
/// its base; @p typedFrom then follows the save, so typing goes on from it and not from a colleague's change.
bool saveTyped(const SaveCard &save, std::optional<QString> storage::CardPatch::*field, const QString &typed,
               storage::CardPatch &typedFrom, const QString &undoText);

} // namespace hb::board::editorparts
