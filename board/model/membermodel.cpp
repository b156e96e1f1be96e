// SPDX-License-Identifier: GPL-3.0-or-later
#include "membermodel.h"

#include <algorithm>

namespace hb::board {

MemberModel::MemberModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

MemberModel::~MemberModel() = default;

void MemberModel::setMembers(QList<storage::Member> members)
{
    std::sort(members.begin(), members.end(), [](const storage::Member &a, const storage::Member &b) {
        const QString left = a.displayName.isEmpty() ? a.login : a.displayName;
        const QString right = b.displayName.isEmpty() ? b.login : b.displayName;
        return left.localeAwareCompare(right) < 0;
    });
    // A few dozen rows at most: read again after each change, shown again whole.
    beginResetModel();
    m_members = std::move(members);
    endResetModel();
}

int MemberModel::rowOf(const QString &login) const
{
    for (int row = 0; row < m_members.size(); ++row) {
        if (m_members.at(row).login == login)
            return row;
    }
    return -1;
}

QString MemberModel::roleName(storage::Role role)
{
    switch (role) {
    case storage::Role::Admin:
        return tr("Admin");
    case storage::Role::Editor:
        return tr("Editor");
    case storage::Role::Viewer:
        break;
    }
    return tr("Viewer");
}

int MemberModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int MemberModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemberModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Member &member = m_members.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return member.displayName.isEmpty() ? member.login : member.displayName;
        case LoginColumn:
            return member.login;
        case RoleColumn:
            return roleName(member.role);
        default:
            return {};
        }
    case LoginRole:
        return member.login;
    case MemberRoleRole:
        return int(member.role);
    default:
        return {};
    }
}

QVariant MemberModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case LoginColumn:
        return tr("Login");
    case RoleColumn:
        return tr("Role");
    default:
        return {};
    }
}

} // namespace hb::board
