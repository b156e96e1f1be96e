// SPDX-License-Identifier: GPL-3.0-or-later
#include "attachmentdelegate.h"

#include <board/model/attachmentmodel.h>
#include <board/widgets/common/chips.h>

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace hb::board {

namespace {

constexpr int s_padding = 4;
constexpr int s_gap = 8; // between the icon and the text

} // namespace

AttachmentDelegate::AttachmentDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

AttachmentDelegate::~AttachmentDelegate() = default;

AttachmentDelegate::Layout AttachmentDelegate::layout(const QStyleOptionViewItem &option) const
{
    const QFontMetrics name(option.font);
    const QFontMetrics small(chips::smallFont(option.font));
    const int textHeight = name.height() + 2 + small.height();
    const int height = std::max(s_iconSize, textHeight) + 2 * s_padding;
    const QRect row(option.rect.topLeft(), QSize(option.rect.width(), height));
    Layout result;
    result.icon = QRect(row.left() + s_padding, row.top() + (height - s_iconSize) / 2, s_iconSize, s_iconSize);
    const int left = result.icon.right() + 1 + s_gap;
    const int width = std::max(0, row.right() - s_padding - left + 1);
    const int top = row.top() + (height - textHeight) / 2;
    result.name = QRect(left, top, width, name.height());
    result.details = QRect(left, result.name.bottom() + 3, width, small.height());
    return result;
}

QSize AttachmentDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const Layout l = layout(option);
    return QSize(option.rect.width(), l.icon.height() + 2 * s_padding)
            .expandedTo(QSize(0, l.details.bottom() - option.rect.top() + s_padding + 1));
}

void AttachmentDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The row's background and selection as the style draws them.
    opt.text.clear();
    opt.icon = QIcon();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const Layout l = layout(option);
    painter->save();
    const QImage thumbnail = index.data(AttachmentModel::ThumbnailRole).value<QImage>();
    if (!thumbnail.isNull()) {
        const QSize fitted = thumbnail.size().scaled(l.icon.size(), Qt::KeepAspectRatio);
        QRect target(QPoint(0, 0), fitted);
        target.moveCenter(l.icon.center());
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawImage(target, thumbnail);
        painter->setPen(opt.palette.color(QPalette::Mid));
        painter->drawRect(target.adjusted(0, 0, -1, -1));
    } else {
        const bool link = index.data(AttachmentModel::IsLinkRole).toBool();
        const QIcon icon = style->standardIcon(link ? QStyle::SP_FileLinkIcon : QStyle::SP_FileIcon, nullptr, widget);
        const int size = s_iconSize * 3 / 4;
        QRect target(0, 0, size, size);
        target.moveCenter(l.icon.center());
        icon.paint(painter, target);
    }
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    QFont nameFont = opt.font;
    nameFont.setWeight(QFont::DemiBold);
    painter->setFont(nameFont);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    // Plain text, elided: a name like "<b>x</b>.pdf" is shown as it is.
    painter->drawText(l.name, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                      QFontMetrics(nameFont).elidedText(index.data().toString(), Qt::ElideMiddle, l.name.width()));
    const QFont small = chips::smallFont(opt.font);
    painter->setFont(small);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
    painter->drawText(l.details, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                      QFontMetrics(small).elidedText(index.data(AttachmentModel::DetailsRole).toString(),
                                                     Qt::ElideRight, l.details.width()));
    painter->restore();
}

} // namespace hb::board
