/**
 * Lesson 11: the model registry. This file is ready; read it to see the pattern.
 *
 * One factory per model file. Each factory defines its model and attaches an `associate(models)`
 * hook. The registry defines EVERY model first, and only then calls every associate: inside
 * associate, models.Profile is only there because all factories already ran.
 */
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import defineUser from './user.ts';
import defineProfile from './profile.ts';
import definePost from './post.ts';

/** A model plus the hook that declares its associations. */
export type Registered = ModelStatic<Model> & { associate?: (models: Models) => void };

export interface Models {
  User: Registered;
  Profile: Registered;
  Post: Registered;
}

export function defineModels(sequelize: Sequelize): Models {
  const models: Models = {
    User: defineUser(sequelize),
    Profile: defineProfile(sequelize),
    Post: definePost(sequelize),
  };
  // Second pass: every model exists now, so associations can refer to any of them.
  for (const model of Object.values(models) as Registered[]) model.associate?.(models);
  return models;
}
