// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>

namespace hb::board {

/**
 * A plain-text field with a length limit, as QLineEdit::setMaxLength() is for one line: typing stops at the limit,
 * and a paste that would pass it is cut to fit, so a 1 MB paste never sits in the field to be refused later.
 * truncated() tells the user's screen what was left out.
 */
class LimitedTextEdit : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LimitedTextEdit)

public:
    explicit LimitedTextEdit(QWidget *parent = nullptr);
    ~LimitedTextEdit() override;

    void setMaxLength(qsizetype length) { m_maxLength = length; }
    qsizetype maxLength() const { return m_maxLength; }

Q_SIGNALS:
    /// Text was refused at the limit: @p dropped characters of a paste (or of typing) were left out.
    void truncated(qsizetype dropped);

protected:
    void insertFromMimeData(const QMimeData *source) override;
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;

private:
    /// How many characters may still go in, in place of the selection.
    qsizetype room() const;

    qsizetype m_maxLength = std::numeric_limits<qsizetype>::max();
};

} // namespace hb::board
