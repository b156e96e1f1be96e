// SPDX-License-Identifier: GPL-3.0-or-later
#include "membersdialog.h"

#include <board/actions/boardactions.h>
#include <board/model/membermodel.h>
#include <board/widgets/common/busyretry.h>
#include <storage/boardstore.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace hb::board {

namespace {

constexpr int s_settleMs = 400;

void addRoles(QComboBox *box)
{
    for (storage::Role role : {storage::Role::Admin, storage::Role::Editor, storage::Role::Viewer})
        box->addItem(MemberModel::roleName(role), int(role));
}

storage::Role roleOf(const QComboBox *box)
{
    return storage::Role(box->currentData().toInt());
}

} // namespace

MembersDialog::MembersDialog(storage::BoardStore &store, BoardActions *actions, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_actions(actions)
    , m_model(new MemberModel(this))
{
    setObjectName(QStringLiteral("membersDialog"));
    setWindowTitle(tr("Members"));
    auto *layout = new QVBoxLayout(this);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("membersNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    layout->addWidget(m_note);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("membersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(MemberModel::NameColumn, QHeaderView::Stretch);
    m_table->installEventFilter(this);
    layout->addWidget(m_table, 1);

    // The selected member: role and removal.
    auto *selected = new QHBoxLayout;
    auto *roleLabel = new QLabel(tr("&Role:"), this);
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("memberRole"));
    addRoles(m_role);
    roleLabel->setBuddy(m_role);
    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(s_settleMs);
    connect(m_settle, &QTimer::timeout, this, &MembersDialog::saveRole);
    connect(m_role, &QComboBox::activated, this, [this] {
        if (!canManage() || currentLogin().isEmpty())
            return;
        m_pickedLogin = currentLogin();
        m_pickedRole = roleOf(m_role);
        m_settle->start();
    });
    m_remove = new QPushButton(tr("Re&move"), this);
    m_remove->setObjectName(QStringLiteral("removeMember"));
    m_remove->setToolTip(tr("Remove the selected member (Delete)"));
    connect(m_remove, &QPushButton::clicked, this, &MembersDialog::removeCurrent);
    selected->addWidget(roleLabel);
    selected->addWidget(m_role);
    selected->addStretch(1);
    selected->addWidget(m_remove);
    layout->addLayout(selected);

    // A new member.
    auto *add = new QHBoxLayout;
    m_newLogin = new QLineEdit(this);
    m_newLogin->setObjectName(QStringLiteral("newMemberLogin"));
    m_newLogin->setPlaceholderText(tr("Login, as they sign in"));
    m_newLogin->setMaxLength(200);
    m_newName = new QLineEdit(this);
    m_newName->setObjectName(QStringLiteral("newMemberName"));
    m_newName->setPlaceholderText(tr("Name (optional)"));
    m_newName->setMaxLength(200);
    m_newRole = new QComboBox(this);
    m_newRole->setObjectName(QStringLiteral("newMemberRole"));
    addRoles(m_newRole);
    m_newRole->setCurrentIndex(m_newRole->findData(int(storage::Role::Editor)));
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("addMember"));
    connect(m_add, &QPushButton::clicked, this, &MembersDialog::addMember);
    connect(m_newLogin, &QLineEdit::returnPressed, this, &MembersDialog::addMember);
    connect(m_newName, &QLineEdit::returnPressed, this, &MembersDialog::addMember);
    connect(m_newLogin, &QLineEdit::textChanged, this, &MembersDialog::updateControls);
    add->addWidget(m_newLogin, 2);
    add->addWidget(m_newName, 2);
    add->addWidget(m_newRole);
    add->addWidget(m_add);
    layout->addLayout(add);

    // Who is not a member yet.
    auto *joining = new QFormLayout;
    joining->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_joining = new QComboBox(this);
    m_joining->setObjectName(QStringLiteral("joiningRole"));
    m_joining->addItem(MemberModel::roleName(storage::Role::Editor), QStringLiteral("editor"));
    m_joining->addItem(MemberModel::roleName(storage::Role::Viewer), QStringLiteral("viewer"));
    connect(m_joining, &QComboBox::activated, this, [this] {
        m_pickedJoining = m_joining->currentData().toString();
        m_settle->start();
    });
    joining->addRow(tr("Others who open the board &join as:"), m_joining);
    layout->addLayout(joining);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        saveRole(); // a role picked for the member left behind is theirs
        updateControls();
    });
    resize(560, 420);
    reload();
}

MembersDialog::~MembersDialog()
{
    saveRole();
}

bool MembersDialog::canManage() const
{
    return m_actions && m_store.role() == storage::Role::Admin;
}

void MembersDialog::reload()
{
    const QString current = currentLogin();
    auto members = m_store.members();
    if (members)
        m_model->setMembers(*members);
    // What was picked and is not saved yet stays picked: a save landing meanwhile does not undo it.
    auto joining = m_store.setting(QStringLiteral("default_role"));
    if (joining && m_pickedJoining.isEmpty())
        m_joining->setCurrentIndex(std::max(0, m_joining->findData(*joining)));
    // A colleague's save kept the file busy: read again in a moment, never waited for on the window's thread.
    if (foundBusy(members) || foundBusy(joining)) {
        QTimer::singleShot(s_busyRetryMs, this, [this] {
            if (isVisible())
                reload();
        });
    }
    const int row = m_model->rowOf(current.isEmpty() ? m_store.login() : current);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, MemberModel::NameColumn));
    updateControls();
}

QString MembersDialog::currentLogin() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(MemberModel::LoginRole).toString() : QString();
}

void MembersDialog::updateControls()
{
    const bool manage = canManage();
    const QModelIndex current = m_table->currentIndex();
    const bool picked = current.isValid() && current.data(MemberModel::LoginRole).toString() == m_pickedLogin;
    if (current.isValid() && !picked)
        m_role->setCurrentIndex(m_role->findData(current.data(MemberModel::MemberRoleRole)));
    m_role->setEnabled(manage && current.isValid());
    m_remove->setEnabled(manage && current.isValid());
    for (QWidget *widget : {static_cast<QWidget *>(m_newLogin), static_cast<QWidget *>(m_newName),
                            static_cast<QWidget *>(m_newRole), static_cast<QWidget *>(m_joining)})
        widget->setEnabled(manage);
    m_add->setEnabled(manage && !m_newLogin->text().trimmed().isEmpty());
    m_note->setText(manage ? tr("Admins manage the board and its members; editors change cards; viewers only look.")
                           : tr("Only the board's admins change its members."));
}

void MembersDialog::addMember()
{
    const QString login = m_newLogin->text().trimmed();
    if (!canManage() || login.isEmpty())
        return;
    const QString name = m_newName->text().trimmed();
    const storage::Role role = roleOf(m_newRole);
    change([login, name, role](storage::BoardStore &store) { return store.setMember(login, role, name); },
           [this, login](bool saved) {
               if (saved) {
                   m_newLogin->clear();
                   m_newName->clear();
               }
               const int row = m_model->rowOf(login);
               if (row >= 0)
                   m_table->setCurrentIndex(m_model->index(row, MemberModel::NameColumn));
           });
}

void MembersDialog::change(std::function<storage::Status(storage::BoardStore &)> save, std::function<void(bool)> then)
{
    // Saved in the background, then the list read again: a refused change (the last admin) shows what still holds.
    m_actions->save(
            {}, [save = std::move(save)](storage::BoardStore &store) { return Saved(save(store)); },
            [this, then = std::move(then)](const Saved &saved) {
                reload();
                if (then)
                    then(bool(saved.status));
            });
}

void MembersDialog::saveRole()
{
    m_settle->stop();
    if (const QString joining = std::exchange(m_pickedJoining, QString()); !joining.isEmpty())
        setJoiningRole(joining);
    const QString login = std::exchange(m_pickedLogin, QString());
    const int row = m_model->rowOf(login);
    if (!canManage() || row < 0)
        return;
    const storage::Member member = m_model->members().at(row);
    const storage::Role role = m_pickedRole;
    if (role == member.role)
        return;
    change([member, role](storage::BoardStore &store) {
        return store.setMember(member.login, role, member.displayName);
    });
}

void MembersDialog::removeCurrent()
{
    saveRole();
    const QString login = currentLogin();
    if (!canManage() || login.isEmpty())
        return;
    change([login](storage::BoardStore &store) { return store.removeMember(login); });
}

void MembersDialog::setJoiningRole(const QString &role)
{
    if (!canManage())
        return;
    change([role](storage::BoardStore &store) { return store.setSetting(QStringLiteral("default_role"), role); });
}

bool MembersDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        removeCurrent();
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace hb::board
