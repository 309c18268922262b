/**
 * PointNet on generated 3-D point clouds: {@link dev.steepest.examples.pointnet.PointNet} (the chapter),
 * {@code PointClouds} (the seeded shapes), {@code PointNetModel} and {@code TNet} (the classifier),
 * {@code PointNetPictures} and {@code CloudPictures} (gallery, critical points, confusion matrix).
 */
package dev.steepest.examples.pointnet;
