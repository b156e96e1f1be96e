// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QValidator>

class QLineEdit;

namespace hb::board {

/**
 * A one-line field's length limit in characters as people count them and as the store does (storage::characterCount:
 * an emoji or a letter with its accents is one), where QLineEdit::setMaxLength() counts UTF-16 code units and lets
 * only 250 emoji into a 500-character title. Typing stops at the limit; a paste from the keyboard (Ctrl+V,
 * Shift+Insert) is cut to fit, between characters, while one from a menu that would not fit is refused; truncated()
 * fires either way, for the field's notice. The LimitedTextEdit of one-line fields.
 */
class CharacterLimit final : public QValidator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CharacterLimit)

public:
    /// Limits @p line to @p maximum characters (its validator, owned by it); the limit, to connect to.
    static CharacterLimit *apply(QLineEdit *line, qsizetype maximum);
    /// The limit of @p line when apply() gave it one, else 0.
    static qsizetype of(const QLineEdit *line);
    ~CharacterLimit() override;

    qsizetype maximum() const { return m_maximum; }
    /// Never changes @p input: QLineEdit forgets that the text was edited when a validator changes it.
    State validate(QString &input, int &position) const override;

Q_SIGNALS:
    /// Text was left out at the limit: @p dropped characters of a paste or of typing.
    void truncated(qsizetype dropped);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    CharacterLimit(QLineEdit *line, qsizetype maximum);

    QLineEdit *m_line;
    qsizetype m_maximum;
};

} // namespace hb::board
