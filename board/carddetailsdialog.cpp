// SPDX-License-Identifier: GPL-3.0-or-later
#include "carddetailsdialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
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

CardDetailsDialog::CardDetailsDialog(const storage::Card &card, const QString &columnName,
                                     const QList<storage::ChecklistItem> &checklist,
                                     const QList<storage::Comment> &comments, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("cardDetails"));
    setWindowTitle(tr("Card #%1").arg(card.id));
    resize(560, 600);
    auto *layout = new QVBoxLayout(this);

    QLabel *title = plainLabel(card.title, this);
    title->setObjectName(QStringLiteral("cardTitle"));
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setWeight(QFont::Bold);
    title->setFont(font);
    layout->addWidget(title);

    auto *fields = new QFormLayout;
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
            fields->addRow(label, plainLabel(value, this));
    }
    layout->addLayout(fields);

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
    auto *body = new QPlainTextEdit(text.join(QLatin1Char('\n')), this);
    body->setObjectName(QStringLiteral("cardBody"));
    body->setReadOnly(true);
    layout->addWidget(body, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

CardDetailsDialog::~CardDetailsDialog() = default;

} // namespace hb::board
