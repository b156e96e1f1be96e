// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QDialog>

namespace hb::board {

/**
 * A card's details, read-only: fields, description, checklist and comments, all as plain text.
 * The interim view until the card editor (issue 4).
 */
class CardDetailsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardDetailsDialog)

public:
    CardDetailsDialog(const storage::Card &card, const QString &columnName,
                      const QList<storage::ChecklistItem> &checklist, const QList<storage::Comment> &comments,
                      QWidget *parent = nullptr);
    ~CardDetailsDialog() override;
};

} // namespace hb::board
