/**
 * Lesson 13, the capstone: the social platform end to end. Only the attributes are here.
 *
 * Your task (read README.md first: `npm run workbook -- read 13`). Declare every association
 * on both sides, with these aliases and keys:
 *   TODO 1. User ↔ Profile: user.profile / profile.user, Profiles.userId (unique, NOT NULL).
 *   TODO 2. User ↔ Post: user.posts / post.author, Posts.authorId (NOT NULL).
 *   TODO 3. Post ↔ Comment: post.comments / comment.post, Comments.postId (NOT NULL);
 *           User ↔ Comment: comment.author, Comments.authorId (NOT NULL).
 *   TODO 4. Post ↔ Tag: post.tags / tag.posts through PostTags (postId, tagId).
 *   TODO 5. User ↔ User: user.followers / user.following through Followers (followerId, followingId).
 *   TODO 6. Deleting a user deletes everything that is theirs: profile, posts (and the comments
 *           on them), their comments elsewhere, their follows and tag links. Tags and other
 *           users' posts stay.
 * Then write the feed in feed.ts.
 */
import { DataTypes, type Sequelize } from 'sequelize';

export function defineModels(sequelize: Sequelize) {
  const User = sequelize.define('User', {
    username: { type: DataTypes.STRING, allowNull: false, unique: true },
  });
  const Profile = sequelize.define('Profile', {
    displayName: DataTypes.STRING,
    bio: DataTypes.TEXT,
  });
  const Post = sequelize.define('Post', {
    title: { type: DataTypes.STRING, allowNull: false },
    body: DataTypes.TEXT,
  });
  const Comment = sequelize.define('Comment', {
    body: { type: DataTypes.TEXT, allowNull: false },
  });
  const Tag = sequelize.define('Tag', {
    name: { type: DataTypes.STRING, allowNull: false, unique: true },
  });

  // TODO: the associations.

  return { User, Profile, Post, Comment, Tag };
}
