// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcomedialog.h"

#include <board/widgets/common/characterlimit.h>
#include <storage/boardstore.h>

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace hb::app {

WelcomeDialog::WelcomeDialog(const QStringList &recent, QWidget *parent)
    : QDialog(parent)
    , m_recent(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_create(new QPushButton(tr("&Create…"), this))
{
    setObjectName(QStringLiteral("welcomeDialog"));
    setWindowTitle(tr("Welcome to HelpBoard"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("HelpBoard keeps your team's tickets in one board file, usually on a shared drive "
                                "that everyone opens at the same time."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    // The team's board: the usual case, first.
    auto *team = new QGroupBox(tr("Open your team's board"), this);
    auto *teamLayout = new QVBoxLayout(team);
    auto *open = new QPushButton(tr("&Open a Board File…"), team);
    open->setObjectName(QStringLiteral("openBoardFile"));
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &WelcomeDialog::openFile);
    teamLayout->addWidget(open, 0, Qt::AlignLeft);
    m_recent->setObjectName(QStringLiteral("recentBoards"));
    m_recent->setAccessibleName(tr("Boards opened before"));
    for (const QString &path : recent) {
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_recent);
        item->setToolTip(path); // item text is plain text
        item->setData(Qt::UserRole, path);
    }
    m_recent->setVisible(!recent.isEmpty());
    m_recent->setMaximumHeight(120);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { choose(Choice::Open, item->data(Qt::UserRole).toString()); });
    teamLayout->addWidget(m_recent);
    layout->addWidget(team);

    auto *fresh = new QGroupBox(tr("Start a new, empty board"), this);
    auto *freshLayout = new QHBoxLayout(fresh);
    m_name->setObjectName(QStringLiteral("newBoardName"));
    m_name->setPlaceholderText(tr("Its name, e.g. IT Help Desk"));
    m_name->setAccessibleName(tr("New board's name"));
    board::CharacterLimit::apply(m_name, storage::BoardStore::s_maxTitleLength);
    m_create->setObjectName(QStringLiteral("createBoard"));
    m_create->setEnabled(false);
    connect(m_name, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_create->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_name, &QLineEdit::returnPressed, this, &WelcomeDialog::create);
    connect(m_create, &QPushButton::clicked, this, &WelcomeDialog::create);
    freshLayout->addWidget(m_name, 1);
    freshLayout->addWidget(m_create);
    layout->addWidget(fresh);

    auto *demo = new QGroupBox(tr("Just looking?"), this);
    auto *demoLayout = new QHBoxLayout(demo);
    auto *demoText = new QLabel(tr("A private board of sample tickets and people, marked DEMO."), demo);
    demoText->setWordWrap(true);
    auto *tryDemo = new QPushButton(tr("Try the &Demo"), demo);
    tryDemo->setObjectName(QStringLiteral("tryDemo"));
    connect(tryDemo, &QPushButton::clicked, this, [this] { choose(Choice::Demo, {}); });
    demoLayout->addWidget(demoText, 1);
    demoLayout->addWidget(tryDemo);
    layout->addWidget(demo);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_askFile = [this](bool save, const QString &suggested) {
        const QString filter = tr("HelpBoard boards (*.helpboard)");
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        return save ? QFileDialog::getSaveFileName(this, tr("Where to keep the new board"),
                                                   QDir(folder).filePath(suggested), filter)
                    : QFileDialog::getOpenFileName(this, tr("Open your team's board"), folder,
                                                   filter + QStringLiteral(";;") + tr("All files (*)"));
    };
    resize(520, sizeHint().height());
}

WelcomeDialog::~WelcomeDialog() = default;

QString WelcomeDialog::boardName() const
{
    return m_name->text().trimmed();
}

void WelcomeDialog::choose(Choice choice, const QString &path)
{
    m_choice = choice;
    m_path = path;
    accept();
}

void WelcomeDialog::openFile()
{
    const QString path = m_askFile(false, {});
    if (!path.isEmpty())
        choose(Choice::Open, path);
}

void WelcomeDialog::create()
{
    if (boardName().isEmpty())
        return;
    // The name, less what file names cannot hold, suggests the file's.
    QString file = boardName();
    static const QString unsafe = QStringLiteral("/\\:*?\"<>|");
    for (QChar &character : file) {
        if (unsafe.contains(character) || character.category() == QChar::Other_Control)
            character = QLatin1Char('-');
    }
    QString path = m_askFile(true, file + QStringLiteral(".helpboard"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".helpboard")))
        path += QStringLiteral(".helpboard");
    choose(Choice::Create, path);
}

} // namespace hb::app
