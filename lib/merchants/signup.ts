import { ApiError } from "@/lib/api/errors";
import { hashPassword } from "@/lib/crypto/password";
import { db, Prisma } from "@/lib/db/client";
import { signupSchema, type SignupInput } from "@/lib/validation/auth";
import { publicMerchantSchema, publicMerchantSelect, type PublicMerchant } from "./public-merchant";

export async function signUp(input: SignupInput): Promise<PublicMerchant> {
  const data = signupSchema.parse(input);
  try {
    const merchant = await db.merchant.create({
      data: { name: data.name, email: data.email, passwordHash: await hashPassword(data.password) },
      select: publicMerchantSelect,
    });
    return publicMerchantSchema.parse(merchant);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ApiError("conflict", "An account with this email already exists", { fields: { email: "An account with this email already exists" } });
    }
    throw error;
  }
}
