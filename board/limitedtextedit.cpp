// SPDX-License-Identifier: GPL-3.0-or-later
#include "limitedtextedit.h"

#include <QKeyEvent>
#include <QMimeData>
#include <QTextCursor>

namespace hb::board {

LimitedTextEdit::LimitedTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{ }

LimitedTextEdit::~LimitedTextEdit() = default;

qsizetype LimitedTextEdit::room() const
{
    // characterCount() counts the paragraph separator at the end too.
    const qsizetype length = document()->characterCount() - 1;
    const QTextCursor cursor = textCursor();
    return std::max<qsizetype>(0, m_maxLength - (length - (cursor.selectionEnd() - cursor.selectionStart())));
}

void LimitedTextEdit::insertFromMimeData(const QMimeData *source)
{
    if (!source || !source->hasText()) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    QString text = source->text();
    const qsizetype fits = room();
    if (text.size() <= fits) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    const qsizetype dropped = text.size() - fits;
    text.truncate(fits);
    // Never half of an emoji at the cut.
    if (!text.isEmpty() && text.back().isHighSurrogate())
        text.chop(1);
    if (!text.isEmpty())
        textCursor().insertText(text);
    Q_EMIT truncated(dropped);
}

void LimitedTextEdit::keyPressEvent(QKeyEvent *event)
{
    // Typing at the limit adds nothing; keys that move, delete or run shortcuts still work.
    if (!event->text().isEmpty() && event->text().at(0).isPrint() && room() < event->text().size()
        && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        Q_EMIT truncated(event->text().size());
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace hb::board
