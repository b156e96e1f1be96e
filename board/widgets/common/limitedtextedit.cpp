// SPDX-License-Identifier: GPL-3.0-or-later
#include "limitedtextedit.h"

#include <storage/textlength.h>

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
    // Characters as the store counts them (grapheme clusters: an emoji is one), so the field and the store agree.
    const QString text = toPlainText();
    const QTextCursor cursor = textCursor();
    const qsizetype start = std::min<qsizetype>(cursor.selectionStart(), text.size());
    const qsizetype end = std::min<qsizetype>(cursor.selectionEnd(), text.size());
    const qsizetype length =
            storage::characterCount(text) - storage::characterCount(QStringView(text).sliced(start, end - start));
    return std::max<qsizetype>(0, m_maxLength - length);
}

void LimitedTextEdit::insertFromMimeData(const QMimeData *source)
{
    if (!source || !source->hasText()) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    QString text = source->text();
    const qsizetype fits = room();
    const qsizetype characters = text.size() <= fits ? text.size() : storage::characterCount(text);
    if (characters <= fits) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    const qsizetype dropped = characters - fits;
    // Cut between characters: never half of an emoji or a letter without its accent.
    text.truncate(storage::characterEnd(text, fits));
    if (!text.isEmpty())
        textCursor().insertText(text);
    Q_EMIT truncated(dropped);
}

void LimitedTextEdit::keyPressEvent(QKeyEvent *event)
{
    // Typing at the limit adds nothing, a line break neither; keys that move, delete or run shortcuts still work.
    const bool lineBreak = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const bool typed = !event->text().isEmpty() && (event->text().at(0).isPrint() || lineBreak);
    const qsizetype characters = std::max<qsizetype>(1, storage::characterCount(event->text()));
    if (typed && room() < characters
        && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        Q_EMIT truncated(characters);
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void LimitedTextEdit::inputMethodEvent(QInputMethodEvent *event)
{
    // What an input method commits (a composed word, a picked emoji) is cut to fit like a paste.
    const qsizetype fits = room();
    const qsizetype characters = storage::characterCount(event->commitString());
    if (characters <= fits) {
        QPlainTextEdit::inputMethodEvent(event);
        return;
    }
    const QString kept = event->commitString().left(storage::characterEnd(event->commitString(), fits));
    QInputMethodEvent cut(event->preeditString(), event->attributes());
    cut.setCommitString(kept, event->replacementStart(), event->replacementLength());
    QPlainTextEdit::inputMethodEvent(&cut);
    Q_EMIT truncated(characters - fits);
}

} // namespace hb::board
