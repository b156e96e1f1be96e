// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;

namespace hb::board {

/**
 * A card's details beside the board, read-only: fields, description, checklist and comments, all as plain text.
 * The interim view until the card editor (issue 4) takes its place. Esc or the close button hides it.
 */
class CardDetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardDetailsPanel)

public:
    explicit CardDetailsPanel(QWidget *parent = nullptr);
    ~CardDetailsPanel() override;

    void showCard(const storage::Card &card, const QString &columnName, const QList<storage::ChecklistItem> &checklist,
                  const QList<storage::Comment> &comments);
    qint64 cardId() const { return m_cardId; }

Q_SIGNALS:
    /// Hidden by the user (Esc or the close button).
    void closed();

private:
    void dismiss();

    qint64 m_cardId = 0;
    QLabel *m_title;
    QFormLayout *m_fields;
    QPlainTextEdit *m_body;
};

} // namespace hb::board
