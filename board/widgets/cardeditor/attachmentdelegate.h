// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace hb::board {

/// Paints one attachment: its thumbnail (pictures) or a file or link icon, the name, and size, who and when below.
class AttachmentDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentDelegate)

public:
    static constexpr int s_iconSize = 40;

    explicit AttachmentDelegate(QObject *parent = nullptr);
    ~AttachmentDelegate() override;

    /// Where things go in a row: shared by sizeHint() and paint().
    struct Layout
    {
        QRect icon;
        QRect name;
        QRect details;
    };
    Layout layout(const QStyleOptionViewItem &option) const;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace hb::board
