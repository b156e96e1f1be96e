// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/widgets/common/limitedtextedit.h>

namespace hb::board {

/**
 * A title field that wraps: one paragraph of text, as tall as its lines, so a long title is read whole where a
 * QLineEdit would cut it at the panel's edge. It keeps QLineEdit's manners: Enter ends the editing rather than
 * breaking the line, line breaks in a paste or a drop become spaces, Tab moves on, editingFinished() fires on Enter
 * and when the focus leaves after a change; and its calls (text(), setText(), isModified(), setCursorPosition()).
 */
class TitleEdit final : public LimitedTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TitleEdit)

public:
    explicit TitleEdit(QWidget *parent = nullptr);
    ~TitleEdit() override;

    QString text() const { return toPlainText(); }
    /// Shows @p text (its line breaks as spaces), not modified, with the cursor at its start.
    void setText(const QString &text);
    bool isModified() const;
    void setModified(bool modified);
    QString selectedText() const;
    int cursorPosition() const;
    void setCursorPosition(int position);

    /// The height that shows every line of the text at @p width.
    int heightForWidth(int width) const override;
    bool hasHeightForWidth() const override { return true; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// @p text on one line: each line break (CR LF, LF, CR, and Unicode's line and paragraph separators) a space.
    static QString oneLine(QString text);

Q_SIGNALS:
    /// Enter was pressed, or the focus left after the text changed: time to save it.
    void editingFinished();

protected:
    void insertFromMimeData(const QMimeData *source) override;
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fitHeight();

    bool m_editedSinceFinished = false;
};

} // namespace hb::board
