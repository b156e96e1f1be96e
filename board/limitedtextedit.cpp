// SPDX-License-Identifier: GPL-3.0-or-later
#include "limitedtextedit.h"

#include <QInputMethodEvent>
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
    // Typing at the limit adds nothing, a line break neither; keys that move, delete or run shortcuts still work.
    const bool lineBreak = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const bool typed = !event->text().isEmpty() && (event->text().at(0).isPrint() || lineBreak);
    if (typed && room() < std::max<qsizetype>(1, event->text().size())
        && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        Q_EMIT truncated(std::max<qsizetype>(1, event->text().size()));
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void LimitedTextEdit::inputMethodEvent(QInputMethodEvent *event)
{
    // What an input method commits (a composed word, a picked emoji) is cut to fit like a paste.
    const qsizetype fits = room();
    if (event->commitString().size() <= fits) {
        QPlainTextEdit::inputMethodEvent(event);
        return;
    }
    QString kept = event->commitString().left(fits);
    if (!kept.isEmpty() && kept.back().isHighSurrogate())
        kept.chop(1);
    QInputMethodEvent cut(event->preeditString(), event->attributes());
    cut.setCommitString(kept, event->replacementStart(), event->replacementLength());
    QPlainTextEdit::inputMethodEvent(&cut);
    Q_EMIT truncated(event->commitString().size() - kept.size());
}

} // namespace hb::board
