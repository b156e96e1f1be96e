// SPDX-License-Identifier: GPL-3.0-or-later
#include "characterlimit.h"

#include <storage/textlength.h>

#include <QClipboard>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLineEdit>

namespace hb::board {

CharacterLimit::CharacterLimit(QLineEdit *line, qsizetype maximum)
    : QValidator(line)
    , m_line(line)
    , m_maximum(maximum)
{ }

CharacterLimit::~CharacterLimit() = default;

CharacterLimit *CharacterLimit::apply(QLineEdit *line, qsizetype maximum)
{
    auto *limit = new CharacterLimit(line, maximum);
    line->setMaxLength(32767); // QLineEdit's own default and ceiling, in code units: the limit here decides
    line->setValidator(limit);
    line->installEventFilter(limit);
    return limit;
}

qsizetype CharacterLimit::of(const QLineEdit *line)
{
    const auto *limit = qobject_cast<const CharacterLimit *>(line->validator());
    return limit ? limit->maximum() : 0;
}

QValidator::State CharacterLimit::validate(QString &input, int &position) const
{
    Q_UNUSED(position)
    // Most text is below the limit in code units already: no need to count characters then.
    if (input.size() <= m_maximum)
        return Acceptable;
    const qsizetype characters = storage::characterCount(input);
    if (characters <= m_maximum)
        return Acceptable;
    Q_EMIT const_cast<CharacterLimit *>(this)->truncated(characters - m_maximum);
    return Invalid; // QLineEdit keeps the text it had
}

bool CharacterLimit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_line || event->type() != QEvent::KeyPress || m_line->isReadOnly()
        || !static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        return QValidator::eventFilter(watched, event);
    }
    // A paste from the keyboard: what fits goes in, in place of the selection, the rest is left out (a 1 MB log
    // pasted into a title keeps its first line's worth, as in the multi-line fields).
    QString pasted = QGuiApplication::clipboard()->text();
    const QString text = m_line->text();
    const qsizetype used = storage::characterCount(text) - storage::characterCount(m_line->selectedText());
    const qsizetype room = std::max<qsizetype>(0, m_maximum - used);
    const qsizetype characters = pasted.size() <= room ? pasted.size() : storage::characterCount(pasted);
    if (characters > room) {
        pasted.truncate(storage::characterEnd(pasted, room));
        Q_EMIT truncated(characters - room);
    }
    if (!pasted.isEmpty() || m_line->hasSelectedText())
        m_line->insert(pasted);
    return true;
}

} // namespace hb::board
