// SPDX-License-Identifier: GPL-3.0-or-later
#include "carddetailspanel.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace hb::board {

namespace {

QString when(qint64 msecs)
{
    return msecs ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(msecs), QLocale::ShortFormat) : QString();
}

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText); // user text is never rich text
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

CardDetailsPanel::CardDetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(plainLabel(QString(), this))
    , m_fields(new QFormLayout)
    , m_body(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("cardDetails"));
    setMinimumWidth(280);
    // A sheet of its own beside the board, like the cards: the base colour of the palette, light or dark.
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);

    auto *header = new QHBoxLayout;
    m_title->setObjectName(QStringLiteral("cardTitle"));
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setWeight(QFont::Bold);
    m_title->setFont(font);
    header->addWidget(m_title, 1, Qt::AlignTop);
    auto *closeButton = new QToolButton(this);
    closeButton->setObjectName(QStringLiteral("closeCardDetails"));
    closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeButton->setToolTip(tr("Close (Esc)"));
    closeButton->setAutoRaise(true);
    connect(closeButton, &QToolButton::clicked, this, &CardDetailsPanel::dismiss);
    header->addWidget(closeButton, 0, Qt::AlignTop);
    layout->addLayout(header);

    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_fields);

    m_body->setObjectName(QStringLiteral("cardBody"));
    m_body->setReadOnly(true);
    m_body->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_body, 1);

    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &CardDetailsPanel::dismiss);
}

CardDetailsPanel::~CardDetailsPanel() = default;

void CardDetailsPanel::dismiss()
{
    hide();
    Q_EMIT closed();
}

void CardDetailsPanel::showCard(const storage::Card &card, const QString &columnName,
                                const QList<storage::ChecklistItem> &checklist, const QList<storage::Comment> &comments)
{
    m_cardId = card.id;
    m_title->setText(card.title);
    m_title->setToolTip(tr("Card #%1").arg(card.id));
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    const std::pair<QString, QString> rows[] = {
            {tr("Column"), columnName},
            {tr("Priority"), storage::toText(card.priority)},
            {tr("Status"), storage::toText(card.status)},
            {tr("Assignee"), card.assignee},
            {tr("Requester"), card.requester},
            {tr("Channel"), storage::toText(card.channel)},
            {tr("Due"), when(card.dueAt)},
            {tr("Created"), card.createdAt ? tr("%1 by %2").arg(when(card.createdAt), card.createdBy) : QString()},
            {tr("Resolved"), when(card.resolvedAt)},
    };
    for (const auto &[label, value] : rows) {
        if (!value.isEmpty())
            m_fields->addRow(label, plainLabel(value, this));
    }

    QStringList text;
    if (!card.description.isEmpty())
        text << card.description << QString();
    if (!checklist.isEmpty()) {
        text << tr("Checklist (%1/%2)").arg(card.checklistDone).arg(card.checklistTotal);
        for (const storage::ChecklistItem &item : checklist)
            text << (item.done ? QStringLiteral("  [x] ") : QStringLiteral("  [ ] ")) + item.text;
        text << QString();
    }
    if (!comments.isEmpty()) {
        text << tr("Comments");
        for (const storage::Comment &comment : comments)
            text << QStringLiteral("  %1  %2: %3").arg(when(comment.createdAt), comment.author, comment.body);
    }
    m_body->setPlainText(text.join(QLatin1Char('\n')));
    show();
}

} // namespace hb::board
