package io.github.rnnserving.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The order of one epoch's batches. Examples are shuffled; then, within windows of a few dozen
 * batches, sorted by length so a batch pads little; then the batches are shuffled. Padding is
 * exact either way, so this only saves time on texts of very different lengths.
 */
final class BatchPlan {

    private static final int WINDOW_BATCHES = 32;

    private BatchPlan() {}

    static List<int[]> shuffled(int[] lengths, int batchSize, Random random) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Collections.shuffle(Arrays.asList(order), random);
        int window = batchSize * WINDOW_BATCHES;
        for (int start = 0; start < order.length; start += window) {
            int end = Math.min(order.length, start + window);
            Arrays.sort(order, start, end, Comparator.comparingInt(i -> lengths[i]));
        }
        List<int[]> batches = cut(order, batchSize);
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Batches in length order, for evaluation. */
    static List<int[]> byLength(int[] lengths, int batchSize) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
        return cut(order, batchSize);
    }

    private static List<int[]> cut(Integer[] order, int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order[i];
            }
            batches.add(batch);
        }
        return batches;
    }

    static int[] lengths(LabeledInputs data) {
        int[] lengths = new int[data.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = data.inputs().get(i).length();
        }
        return lengths;
    }
}
