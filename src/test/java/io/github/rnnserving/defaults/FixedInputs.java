package io.github.rnnserving.defaults;

import io.github.rnnserving.data.DatasetPresets;
import io.github.rnnserving.data.IdxReader;
import io.github.rnnserving.data.ImageExample;
import io.github.rnnserving.support.SharedFiles;
import java.nio.file.Path;
import java.util.List;

/** The 20 inputs per default model whose probabilities are pinned in {@code default-model-probabilities/}. */
final class FixedInputs {

    static final int COUNT = 20;

    private FixedInputs() {}

    static List<String> texts(String model) {
        return switch (model) {
            case "names", "names-stream" ->
                List.of(
                        "Nakamura",
                        "O'Brien",
                        "Schmidt",
                        "Kowalski",
                        "Rossi",
                        "Dubois",
                        "Ivanov",
                        "Papadopoulos",
                        "García",
                        "Nguyen",
                        "Kim",
                        "Zhang",
                        "Novák",
                        "Van der Berg",
                        "Müller",
                        "Yamamoto",
                        "Smith",
                        "Haddad",
                        "Sousa",
                        "Ó Súilleabháin");
            case "sentiment-en" ->
                List.of(
                        "a gorgeous, witty and moving film",
                        "the plot is thin and the jokes fall flat",
                        "one of the best performances of the year",
                        "i wanted my two hours back",
                        "an uneven but ultimately rewarding experience",
                        "dull, lifeless and far too long",
                        "the cast is wonderful and the script sparkles",
                        "not bad , not great",
                        "a mess from start to finish",
                        "it 's the kind of movie you want to see twice",
                        "the director never finds a tone",
                        "charming , funny and surprisingly tender",
                        "boring",
                        "a triumph",
                        "the special effects can not save this tired story",
                        "smart , sharp and beautifully shot",
                        "i laughed , i cried , i left happy",
                        "predictable and painfully slow",
                        "a film that lingers long after the credits roll",
                        "zxqv unseenword blorf");
            case "sentiment-zh" ->
                List.of(
                        "房间很干净，服务也很热情，下次还会再来",
                        "设施太旧了，隔音很差，一晚上没睡好",
                        "位置方便，早餐丰富",
                        "前台态度恶劣，再也不来了",
                        "性价比很高，推荐",
                        "卫生间有异味，床单也不干净",
                        "环境优美，安静舒适",
                        "等了半个小时才办好入住",
                        "服务员很有礼貌，房间宽敞明亮",
                        "价格偏贵，和图片差别很大",
                        "总体不错",
                        "很差",
                        "酒店地理位置好，交通便利，购物方便",
                        "空调坏了也没人修",
                        "早餐种类少，味道一般",
                        "非常满意的一次入住",
                        "网络信号不好，电视也看不了",
                        "装修新，床很舒服",
                        "不会再住了",
                        "hotel ok");
            default -> throw new IllegalArgumentException("no fixed texts for " + model);
        };
    }

    /** The first 20 images of the model's official test set. */
    static List<ImageExample> images(String model) {
        Path folder = switch (model) {
            case "mnist", "mnist-stream" -> SharedFiles.data().resolve("mnist");
            case "fashion-mnist" -> DatasetPresets.FASHION_MNIST_DIR;
            default -> throw new IllegalArgumentException("no fixed images for " + model);
        };
        List<String> labels = model.startsWith("mnist") ? IdxReader.MNIST_LABELS : IdxReader.FASHION_MNIST_LABELS;
        return IdxReader.testSet(folder, labels).withLimit(COUNT).read();
    }
}
