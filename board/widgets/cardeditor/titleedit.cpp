// SPDX-License-Identifier: GPL-3.0-or-later
#include "titleedit.h"

#include <QApplication>
#include <QFocusEvent>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

namespace hb::board {

TitleEdit::TitleEdit(QWidget *parent)
    : LimitedTextEdit(parent)
{
    setTabChangesFocus(true);
    setFrameShape(QFrame::NoFrame);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // A long word (a URL, a path) breaks where it must rather than running out of sight.
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        m_editedSinceFinished = true;
        fitHeight();
    });
    fitHeight();
}

TitleEdit::~TitleEdit() = default;

QString TitleEdit::oneLine(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral(" "));
    for (const QChar lineBreak :
         {QChar(u'\n'), QChar(u'\r'), QChar(QChar::LineSeparator), QChar(QChar::ParagraphSeparator)})
        text.replace(lineBreak, QLatin1Char(' '));
    return text;
}

void TitleEdit::setText(const QString &text)
{
    setPlainText(oneLine(text));
    setModified(false);
    m_editedSinceFinished = false;
    moveCursor(QTextCursor::Start);
}

bool TitleEdit::isModified() const
{
    return document()->isModified();
}

void TitleEdit::setModified(bool modified)
{
    document()->setModified(modified);
}

QString TitleEdit::selectedText() const
{
    return textCursor().selectedText();
}

int TitleEdit::cursorPosition() const
{
    return textCursor().position();
}

void TitleEdit::setCursorPosition(int position)
{
    QTextCursor cursor = textCursor();
    cursor.setPosition(std::clamp(position, 0, int(toPlainText().size())));
    setTextCursor(cursor);
}

int TitleEdit::heightForWidth(int width) const
{
    // The text laid out as the document lays it out (QPlainTextDocumentLayout: the viewport's width less the
    // document margin each side, leading included), plus those margins and the frame.
    const qreal margin = document()->documentMargin();
    const int chrome = 2 * frameWidth();
    const QString text = toPlainText();
    QTextLayout layout(text.isEmpty() ? QStringLiteral(" ") : text, font());
    layout.setTextOption(document()->defaultTextOption());
    const qreal lineWidth = std::max<qreal>(1, width - chrome - 2 * margin);
    qreal height = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLeadingIncluded(true);
        line.setLineWidth(lineWidth);
        height += line.height();
    }
    layout.endLayout();
    // One pixel more: QPlainTextEdit scrolls when the text reaches the viewport's last pixel row.
    return int(std::ceil(height + 2 * margin)) + 1 + chrome;
}

QSize TitleEdit::sizeHint() const
{
    return {LimitedTextEdit::sizeHint().width(), heightForWidth(width())};
}

QSize TitleEdit::minimumSizeHint() const
{
    return {LimitedTextEdit::minimumSizeHint().width(), heightForWidth(width())};
}

void TitleEdit::fitHeight()
{
    const int height = heightForWidth(width());
    if (height != this->height() || minimumHeight() != height)
        setFixedHeight(height);
}

void TitleEdit::insertFromMimeData(const QMimeData *source)
{
    if (!source || !source->hasText()) {
        LimitedTextEdit::insertFromMimeData(source);
        return;
    }
    // A pasted or dropped block of text (a log, an e-mail subject over two lines) joins into one line.
    QMimeData flat;
    flat.setText(oneLine(source->text()));
    LimitedTextEdit::insertFromMimeData(&flat);
}

void TitleEdit::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        // Enter is done, as in a one-line field, whatever the modifiers: never a line break.
        m_editedSinceFinished = false;
        Q_EMIT editingFinished();
        event->accept();
        return;
    }
    LimitedTextEdit::keyPressEvent(event);
}

void TitleEdit::inputMethodEvent(QInputMethodEvent *event)
{
    const QString committed = event->commitString();
    if (oneLine(committed) == committed) {
        LimitedTextEdit::inputMethodEvent(event);
        return;
    }
    QInputMethodEvent flat(event->preeditString(), event->attributes());
    flat.setCommitString(oneLine(committed), event->replacementStart(), event->replacementLength());
    LimitedTextEdit::inputMethodEvent(&flat);
}

void TitleEdit::focusOutEvent(QFocusEvent *event)
{
    LimitedTextEdit::focusOutEvent(event);
    // The field's own context menu takes the focus for a moment: that is not leaving it. Any other popup (a menu of
    // the window, the Labels button's) is, as for QLineEdit: what was typed is saved before its entry runs.
    const QWidget *popup = QApplication::activePopupWidget();
    const bool ownMenu = event->reason() == Qt::PopupFocusReason && popup
                         && (popup->parentWidget() == this || popup->parentWidget() == viewport());
    if (!ownMenu && (m_editedSinceFinished || isModified())) {
        m_editedSinceFinished = false;
        Q_EMIT editingFinished();
    }
}

void TitleEdit::resizeEvent(QResizeEvent *event)
{
    LimitedTextEdit::resizeEvent(event);
    fitHeight();
}

void TitleEdit::changeEvent(QEvent *event)
{
    LimitedTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitHeight();
}

} // namespace hb::board
