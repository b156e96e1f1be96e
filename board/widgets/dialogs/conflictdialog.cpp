// SPDX-License-Identifier: GPL-3.0-or-later
#include "conflictdialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hb::board {

namespace {

/// A value as text people can read and copy, and (for this user's free text) edit once asked to.
QWidget *valueBox(const ConflictField &field, const QString &value, const QString &name, QWidget *parent)
{
    if (field.multiline) {
        auto *box = new QPlainTextEdit(parent);
        box->setPlainText(value);
        box->setReadOnly(true);
        box->setTabChangesFocus(true);
        box->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        box->setMinimumWidth(300);
        box->setObjectName(name);
        return box;
    }
    if (field.text) {
        auto *box = new QLineEdit(value, parent);
        box->setReadOnly(true);
        box->setCursorPosition(0);
        box->setMinimumWidth(300);
        box->setObjectName(name);
        return box;
    }
    auto *label = new QLabel(value, parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setObjectName(name);
    return label;
}

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

} // namespace

ConflictDialog::ConflictDialog(const CardConflict &conflict,
                               const std::function<QString(const QString &login)> &memberName, QWidget *parent)
    : QDialog(parent)
    , m_conflict(conflict)
    , m_fields(conflictFields(conflict, memberName))
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Changed by Someone Else"));
    const QString who = conflict.changedBy.isEmpty() ? tr("Someone else") : memberName(conflict.changedBy);
    QStringList names;
    for (const ConflictField &field : std::as_const(m_fields))
        names << field.name;

    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(this);
    heading->setObjectName(QStringLiteral("conflictHeading"));
    heading->setTextFormat(Qt::PlainText);
    heading->setWordWrap(true);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    heading->setText(
            conflict.changedAt
                    ? tr("%1 changed the %2 of “%3” at %4, while you were changing it too.")
                              .arg(who, names.join(QStringLiteral(", ")), conflict.cardTitle,
                                   QDateTime::fromMSecsSinceEpoch(conflict.changedAt).toString(QStringLiteral("HH:mm")))
                    : tr("%1 changed the %2 of “%3”, while you were changing it too.")
                              .arg(who, names.join(QStringLiteral(", ")), conflict.cardTitle));
    layout->addWidget(heading);
    auto *explanation = new QLabel(tr("The card keeps theirs until you choose. Keep theirs to drop your change, "
                                      "or keep yours (edit it first if you want) to replace theirs."),
                                   this);
    explanation->setTextFormat(Qt::PlainText);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);

    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    auto *theirsHeader = new QLabel(tr("Theirs (%1)").arg(who), this);
    auto *mineHeader = new QLabel(tr("Yours"), this);
    for (QLabel *header : {theirsHeader, mineHeader}) {
        header->setTextFormat(Qt::PlainText);
        header->setFont(bold);
    }
    grid->addWidget(theirsHeader, 0, 1);
    grid->addWidget(mineHeader, 0, 2);
    bool anyText = false;
    bool anyMultiline = false;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const ConflictField &field = m_fields.at(i);
        const int row = int(i) + 1;
        auto *name = new QLabel(capitalized(field.name), this);
        name->setTextFormat(Qt::PlainText);
        grid->addWidget(name, row, 0, field.multiline ? Qt::AlignTop : Qt::AlignVCenter);
        QWidget *theirs = valueBox(field, field.theirs, QStringLiteral("theirs-%1").arg(i), this);
        QWidget *mine = valueBox(field, field.mine, QStringLiteral("mine-%1").arg(i), this);
        theirs->setAccessibleName(tr("Their %1").arg(field.name));
        mine->setAccessibleName(tr("Your %1").arg(field.name));
        grid->addWidget(theirs, row, 1);
        grid->addWidget(mine, row, 2);
        m_mine << mine;
        anyText = anyText || field.text;
        anyMultiline = anyMultiline || field.multiline;
    }
    layout->addLayout(grid, anyMultiline ? 1 : 0);
    if (!anyMultiline)
        layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    auto *keepTheirs = buttons->addButton(tr("Keep &Theirs"), QDialogButtonBox::RejectRole);
    keepTheirs->setObjectName(QStringLiteral("keepTheirs"));
    m_keepMine = buttons->addButton(tr("Keep &Mine"), QDialogButtonBox::AcceptRole);
    m_keepMine->setObjectName(QStringLiteral("keepMine"));
    m_keepMine->setDefault(true);
    m_edit = buttons->addButton(tr("&Edit Mine…"), QDialogButtonBox::ActionRole);
    m_edit->setObjectName(QStringLiteral("editMine"));
    m_edit->setVisible(anyText);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QPushButton::clicked, this, &ConflictDialog::edit);
    layout->addWidget(buttons);
    // Wide enough that the heading does not wrap into a column (a minimum width would override the layout's).
    resize(std::max(sizeHint().width(), 560), sizeHint().height());
}

ConflictDialog::~ConflictDialog() = default;

void ConflictDialog::edit()
{
    QWidget *first = nullptr;
    for (QWidget *mine : std::as_const(m_mine)) {
        if (auto *line = qobject_cast<QLineEdit *>(mine))
            line->setReadOnly(false);
        else if (auto *text = qobject_cast<QPlainTextEdit *>(mine))
            text->setReadOnly(false);
        else
            continue;
        if (!first)
            first = mine;
    }
    m_edit->hide();
    m_keepMine->setText(tr("&Save Mine"));
    if (first)
        first->setFocus(Qt::OtherFocusReason);
}

std::optional<storage::CardPatch> ConflictDialog::resolution() const
{
    if (result() != QDialog::Accepted)
        return std::nullopt;
    storage::CardPatch patch = m_conflict.mine;
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const auto field = m_fields.at(i).text;
        if (!field)
            continue;
        if (auto *line = qobject_cast<QLineEdit *>(m_mine.at(i)))
            patch.*field = line->text().trimmed();
        else if (auto *text = qobject_cast<QPlainTextEdit *>(m_mine.at(i)))
            patch.*field = text->toPlainText();
    }
    return patch;
}

} // namespace hb::board
