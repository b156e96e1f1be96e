// SPDX-License-Identifier: GPL-3.0-or-later
#include "helpwindows.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace hb::board {

ShortcutsDialog::ShortcutsDialog(const QList<ShortcutEntry> &entries, QWidget *parent)
    : QDialog(parent)
    , m_entries(new QStandardItemModel(0, 3, this))
    , m_shown(new QSortFilterProxyModel(this))
    , m_search(new QLineEdit(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_entries->setHorizontalHeaderLabels({tr("Action"), tr("Keys"), tr("Where")});
    for (const ShortcutEntry &entry : entries) {
        QStringList keys;
        for (const QKeySequence &key : entry.keys)
            keys << key.toString(QKeySequence::NativeText);
        QList<QStandardItem *> row{new QStandardItem(entry.what), new QStandardItem(keys.join(tr(" or "))),
                                   new QStandardItem(entry.where)};
        for (QStandardItem *item : row)
            item->setEditable(false);
        m_entries->appendRow(row);
    }
    m_shown->setSourceModel(m_entries);
    m_shown->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_shown->setFilterKeyColumn(-1); // what, keys and where alike
    m_search->setObjectName(QStringLiteral("shortcutSearch"));
    m_search->setPlaceholderText(tr("Search actions and keys"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search shortcuts"));
    connect(m_search, &QLineEdit::textChanged, m_shown, &QSortFilterProxyModel::setFilterFixedString);
    m_view->setObjectName(QStringLiteral("shortcutList"));
    m_view->setModel(m_shown);
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    m_search->setFocus();
    resize(620, 520);
}

ShortcutsDialog::~ShortcutsDialog() = default;

QList<ShortcutEntry> ShortcutsDialog::menuKeys(const QMenuBar *bar)
{
    QList<ShortcutEntry> entries;
    const auto plain = [](const QAction *action) { return action->text().remove(QLatin1Char('&')); };
    const std::function<void(const QMenu *, const QString &)> collect = [&](const QMenu *menu, const QString &where) {
        for (const QAction *action : menu->actions()) {
            if (action->menu()) {
                collect(action->menu(), where + QStringLiteral(" > ") + plain(action));
            } else if (!action->shortcuts().isEmpty()) {
                QString what = plain(action);
                if (what.endsWith(QChar(0x2026)))
                    what.chop(1);
                entries.append({what, action->shortcuts(), where});
            }
        }
    };
    for (const QAction *top : bar->actions()) {
        if (top->menu())
            collect(top->menu(), plain(top));
    }
    return entries;
}

QList<ShortcutEntry> ShortcutsDialog::boardKeys()
{
    const QString onCard = tr("On a card");
    const QString inColumn = tr("In a column");
    return {
            {tr("Open the card"), {QKeySequence(Qt::Key_Return)}, onCard},
            {tr("Rename the card in place"), {QKeySequence(Qt::Key_F2)}, onCard},
            {tr("Archive the selected cards"), {QKeySequence(Qt::Key_Delete)}, onCard},
            {tr("Move to the next or previous column"),
             {QKeySequence(Qt::CTRL | Qt::Key_Right), QKeySequence(Qt::CTRL | Qt::Key_Left)},
             onCard},
            {tr("Move up or down in the column"),
             {QKeySequence(Qt::CTRL | Qt::Key_Up), QKeySequence(Qt::CTRL | Qt::Key_Down)},
             onCard},
            {tr("Go to the next or previous column"),
             {QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Left)},
             onCard},
            {tr("Add a card (type its title into + Add card)"), {QKeySequence(Qt::Key_N)}, inColumn},
            {tr("Close the card"), {QKeySequence(Qt::Key_Escape)}, tr("In the card editor")},
            {tr("Post the comment"), {QKeySequence(Qt::CTRL | Qt::Key_Return)}, tr("In the card editor")},
            {tr("Preview the description"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}, tr("In the card editor")},
            {tr("From the search to the articles found"),
             {QKeySequence(Qt::Key_Down), QKeySequence(Qt::Key_Return)},
             tr("In the knowledge base")},
            {tr("Edit the article"), {QKeySequence(Qt::Key_Return)}, tr("In the knowledge base's list")},
            {tr("Delete the article (Ctrl+Z brings it back)"),
             {QKeySequence(Qt::Key_Delete)},
             tr("In the knowledge base's list")},
    };
}

UserGuideDialog::UserGuideDialog(QWidget *parent, const QString &resource, const QString &title)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("userGuide"));
    setWindowTitle(title.isEmpty() ? tr("HelpBoard User Guide") : title);
    auto *text = new QTextBrowser(this);
    text->setObjectName(QStringLiteral("userGuideText"));
    text->setOpenLinks(false); // the pages have no links to follow; nothing in them runs
    QFile guide(resource);
    if (guide.open(QIODevice::ReadOnly))
        text->setMarkdown(QString::fromUtf8(guide.readAll()));
    else
        text->setPlainText(tr("This page of help is missing from this build: %1").arg(resource));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    resize(640, 600);
}

UserGuideDialog::~UserGuideDialog() = default;

} // namespace hb::board
